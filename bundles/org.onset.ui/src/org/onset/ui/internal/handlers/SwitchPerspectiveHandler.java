package org.onset.ui.internal.handlers;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/** Switches to the perspective named by the command parameter. */
public class SwitchPerspectiveHandler {
    static final String PARAM = "org.onset.ui.commandparameter.perspective";

    @Execute
    public void execute(@Named(PARAM) String perspectiveId, MApplication app, EModelService models,
            EPartService parts) {
        models.findElements(app, perspectiveId, MPerspective.class).stream().findFirst()
                .ifPresent(parts::switchPerspective);
    }
}
