package org.onset.ui.spectroscopy.internal.selftest;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.MAddon;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.modeling.EModelService;

/**
 * Adds the spectroscopy self-test add-on to the application model only when the workbench is started
 * with {@code -Donset.ui.spectroscopy.selftest=DIR} (releng/ui-spectroscopy-test.sh): the product's
 * model has no test hook otherwise.
 */
public class SelfTestProcessor {

    @Execute
    public void addWhenAsked(MApplication app, EModelService models) {
        String dir = System.getProperty(SpectroscopySelfTest.PROPERTY);
        if (dir == null || dir.isBlank()) {
            return;
        }
        MAddon addon = models.createModelElement(MAddon.class);
        addon.setElementId("org.onset.ui.spectroscopy.addon.selftest");
        addon.setContributionURI("bundleclass://org.onset.ui.spectroscopy/" + SpectroscopySelfTest.class.getName());
        app.getAddons().add(addon);
    }
}
