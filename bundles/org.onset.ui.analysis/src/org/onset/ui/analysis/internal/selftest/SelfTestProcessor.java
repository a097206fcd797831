package org.onset.ui.analysis.internal.selftest;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.MAddon;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.modeling.EModelService;

/**
 * Adds the analysis self-test add-on to the application model only when the workbench is started
 * with {@code -Donset.ui.analysis.selftest=DIR} (releng/ui-analysis-test.sh): the product's model has
 * no test hook otherwise.
 */
public class SelfTestProcessor {

    @Execute
    public void addWhenAsked(MApplication app, EModelService models) {
        String dir = System.getProperty(AnalysisSelfTest.PROPERTY);
        if (dir == null || dir.isBlank()) {
            return;
        }
        MAddon addon = models.createModelElement(MAddon.class);
        addon.setElementId("org.onset.ui.analysis.addon.selftest");
        addon.setContributionURI("bundleclass://org.onset.ui.analysis/" + AnalysisSelfTest.class.getName());
        app.getAddons().add(addon);
    }
}
