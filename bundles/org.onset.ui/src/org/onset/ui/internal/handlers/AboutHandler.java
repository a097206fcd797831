package org.onset.ui.internal.handlers;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.onset.system.SystemInfo;

public class AboutHandler {
    @Execute
    public void execute(Shell shell, @Optional SystemInfo system) {
        String version = system == null ? "" : " " + system.onsetVersion() + "\nJava " + system.javaDescription();
        MessageDialog.openInformation(shell, "About Onset", "Onset" + version
                + "\n\nScanning-probe electrochemistry workbench: compliance-controlled nucleation maps, "
                + "EPR/Raman correlation and electrostatic FEM models.");
    }
}
