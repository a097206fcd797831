package org.onset.ui.drivers.internal;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.onset.instrument.install.DriverInstaller;
import org.onset.instrument.install.RepositoryInstaller;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/** Instruments › Manage Drivers…: opens the dialog on the installer service. */
public class ManageDriversHandler {

    @Execute
    public void execute(Shell shell) {
        ManageDriversDialog dialog = create(shell);
        if (dialog != null) {
            dialog.open();
        }
    }

    /** The dialog on the running installer, or null (after telling the user) when there is none. */
    public static ManageDriversDialog create(Shell shell) {
        BundleContext context = FrameworkUtil.getBundle(ManageDriversHandler.class).getBundleContext();
        DriverInstaller installer = service(context, DriverInstaller.class);
        if (installer == null) {
            MessageDialog.openError(shell, "Manage Drivers",
                    "The driver installer (bundle org.onset.instrument.install) is not running.");
            return null;
        }
        return new ManageDriversDialog(shell, installer, service(context, RepositoryInstaller.class));
    }

    private static <T> T service(BundleContext context, Class<T> type) {
        ServiceReference<T> ref = context.getServiceReference(type);
        return ref == null ? null : context.getService(ref);
    }
}
