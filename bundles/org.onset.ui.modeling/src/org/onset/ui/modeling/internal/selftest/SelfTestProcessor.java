package org.onset.ui.modeling.internal.selftest;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.MAddon;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.onset.ui.modeling.internal.ModelingSelfTest;

/**
 * Adds the modeling self-test add-on to the application model only when the workbench is started
 * with {@code -Donset.ui.modeling.selftest=DIR} (releng/ui-modeling-test.sh): the product's model has
 * no test hook otherwise.
 */
public class SelfTestProcessor {

    @Execute
    public void addWhenAsked(MApplication app, EModelService models) {
        String dir = System.getProperty(ModelingSelfTest.PROPERTY);
        if (dir == null || dir.isBlank()) {
            return;
        }
        MAddon addon = models.createModelElement(MAddon.class);
        addon.setElementId("org.onset.ui.modeling.addon.selftest");
        addon.setContributionURI("bundleclass://org.onset.ui.modeling/" + ModelingSelfTest.class.getName());
        app.getAddons().add(addon);
    }
}
