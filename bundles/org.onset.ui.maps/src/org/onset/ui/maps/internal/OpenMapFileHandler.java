package org.onset.ui.maps.internal;

import java.nio.file.Path;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

/** File > Open Map File…: each chosen map file opens in its own part of the Analysis perspective. */
public class OpenMapFileHandler {

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, MapFiles files) {
        chooseAndOpen(shell, files);
    }

    public static void chooseAndOpen(Shell shell, MapFiles files) {
        FileDialog d = new FileDialog(shell, SWT.OPEN | SWT.MULTI);
        d.setText("Open map files");
        d.setFilterExtensions(new String[] { "*.h5;*.hdf5", "*" });
        d.setFilterNames(new String[] { "Onset map files (*.h5)", "All files" });
        if (d.open() == null) {
            return;
        }
        for (String name : d.getFileNames()) {
            files.open(Path.of(d.getFilterPath(), name));
        }
    }
}
