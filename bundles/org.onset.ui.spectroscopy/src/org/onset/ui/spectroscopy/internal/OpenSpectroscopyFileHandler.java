package org.onset.ui.spectroscopy.internal;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.swt.widgets.Shell;

/** File > Open Spectroscopy File…: the Spectroscopy perspective comes to the front and asks for files. */
public class OpenSpectroscopyFileHandler {

    static final String PERSPECTIVE = "org.onset.ui.perspective.spectroscopy";

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, MApplication app, EModelService models,
            EPartService parts) {
        SpectroscopyPart part = show(app, models, parts);
        if (part != null) {
            part.chooseAndOpen(shell);
        }
    }

    /** Switches to the Spectroscopy perspective and brings its files part to the front (created if need be). */
    public static SpectroscopyPart show(MApplication app, EModelService models, EPartService parts) {
        MUIElement p = models.find(PERSPECTIVE, app);
        if (p instanceof MPerspective perspective) {
            parts.switchPerspective(perspective);
        }
        MUIElement e = models.find(SpectroscopyPart.ID, app);
        if (e instanceof MPart part) {
            parts.showPart(part, PartState.ACTIVATE);
            return part.getObject() instanceof SpectroscopyPart s ? s : null;
        }
        return null;
    }
}
