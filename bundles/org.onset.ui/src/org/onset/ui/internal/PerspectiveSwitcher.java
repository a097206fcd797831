package org.onset.ui.internal;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.osgi.service.event.Event;

import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspectiveStack;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/** Perspective switcher in the top trim: one toggle button per perspective of the model. */
public class PerspectiveSwitcher {

    @Inject
    private EModelService models;
    @Inject
    private EPartService parts;
    @Inject
    private MApplication app;

    private Composite row;

    @PostConstruct
    public void create(Composite parent) {
        row = new Composite(parent, SWT.NONE);
        RowLayout layout = new RowLayout(SWT.HORIZONTAL);
        layout.center = true;
        row.setLayout(layout);
        new Label(row, SWT.NONE).setText("Perspective:");
        MPerspectiveStack stack = models.findElements(app, null, MPerspectiveStack.class).get(0);
        for (var child : stack.getChildren()) {
            MPerspective p = (MPerspective) child;
            Button b = new Button(row, SWT.TOGGLE);
            b.setText(p.getLabel());
            b.setToolTipText(p.getTooltip());
            b.setData("perspective", p.getElementId());
            b.setSelection(stack.getSelectedElement() == p);
            b.addListener(SWT.Selection, e -> parts.switchPerspective(p));
        }
    }

    /** Keeps the toggles in step however the perspective was switched (button, menu, code). */
    @Inject
    @Optional
    public void perspectiveSelected(@UIEventTopic(UIEvents.ElementContainer.TOPIC_SELECTEDELEMENT) Event event) {
        if (row == null || row.isDisposed()
                || !(event.getProperty(UIEvents.EventTags.ELEMENT) instanceof MPerspectiveStack)
                || !(event.getProperty(UIEvents.EventTags.NEW_VALUE) instanceof MPerspective selected)) {
            return;
        }
        for (var c : row.getChildren()) {
            if (c instanceof Button b) {
                b.setSelection(selected.getElementId().equals(b.getData("perspective")));
            }
        }
    }
}
