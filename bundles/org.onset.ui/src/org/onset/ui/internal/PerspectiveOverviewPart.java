package org.onset.ui.internal;

import jakarta.annotation.PostConstruct;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/** The first part of each perspective: what the perspective is for, until its own parts arrive. */
public class PerspectiveOverviewPart {

    private Label text;

    @PostConstruct
    public void create(Composite parent, MPart part) {
        parent.setLayout(new GridLayout(1, false));
        Label title = new Label(parent, SWT.NONE);
        title.setText(part.getLabel());
        title.setFont(Fonts.bold(parent, 1.4));
        text = new Label(parent, SWT.WRAP);
        text.setText(part.getPersistedState().getOrDefault("overview", ""));
        text.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
    }

    @Focus
    public void focus() {
        text.setFocus();
    }
}
