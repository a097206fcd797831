package org.onset.ui.drivers.internal.selftest;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.MAddon;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.modeling.EModelService;

/**
 * Adds the Manage Drivers self-test add-on to the application model only when the workbench is
 * started with {@code -Donset.ui.drivers.selftest=DIR} (releng/ui-drivers-test.sh).
 */
public class DriversSelfTestProcessor {

    @Execute
    public void addWhenAsked(MApplication app, EModelService models) {
        String dir = System.getProperty(DriversSelfTest.PROPERTY);
        if (dir == null || dir.isBlank()) {
            return;
        }
        MAddon addon = models.createModelElement(MAddon.class);
        addon.setElementId("org.onset.ui.drivers.addon.selftest");
        addon.setContributionURI("bundleclass://org.onset.ui.drivers/" + DriversSelfTest.class.getName());
        app.getAddons().add(addon);
    }
}
