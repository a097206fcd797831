package org.onset.ui.internal;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

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

    @PostConstruct
    public void create(Composite parent) {
        Composite row = new Composite(parent, SWT.NONE);
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
            b.addListener(SWT.Selection, e -> {
                parts.switchPerspective(p);
                for (var c : row.getChildren()) {
                    if (c instanceof Button other) {
                        other.setSelection(other == b);
                    }
                }
            });
        }
    }
}
