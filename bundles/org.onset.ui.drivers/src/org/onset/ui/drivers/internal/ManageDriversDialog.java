package org.onset.ui.drivers.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.onset.instrument.install.DriverBundle;
import org.onset.instrument.install.DriverInstallException;
import org.onset.instrument.install.DriverInstaller;
import org.onset.instrument.install.RepositoryInstaller;

/**
 * The driver bundles of this installation, and Install / Update / Remove through the
 * {@link DriverInstaller} (the same checks and messages as {@code onset drivers install}). Operations
 * run on a thread of their own: the installer starts bundles, which may take a while, and the UI
 * thread never waits on it. A refusal is shown with its reason; the list is then as before.
 */
public class ManageDriversDialog extends Dialog {

    private final DriverInstaller installer;
    /** p2 repositories as sources; null without the p2 runtime. */
    private final RepositoryInstaller repositories;
    private Table table;
    private Label message;
    private final List<Button> actions = new ArrayList<>();
    private Button remove;

    public ManageDriversDialog(Shell parent, DriverInstaller installer, RepositoryInstaller repositories) {
        super(parent);
        this.installer = installer;
        this.repositories = repositories;
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Manage Drivers");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        area.setLayout(new GridLayout(2, false));
        Label intro = new Label(area, SWT.WRAP);
        intro.setText("Instrument driver bundles of this installation. Installed ones are kept in "
                + installer.installationArea() + " and started at every start of Onset.");
        intro.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));

        table = new Table(area, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridData tableData = new GridData(SWT.FILL, SWT.FILL, true, true);
        tableData.widthHint = 760;
        tableData.heightHint = 220;
        table.setLayoutData(tableData);
        for (String[] c : new String[][] { { "Bundle", "230" }, { "Version", "150" }, { "State", "80" },
                { "Origin", "80" }, { "Driver types (factory PIDs)", "220" } }) {
            TableColumn col = new TableColumn(table, SWT.LEFT);
            col.setText(c[0]);
            col.setWidth(Integer.parseInt(c[1]));
        }
        table.addListener(SWT.Selection, e -> updateButtons());

        Composite buttons = new Composite(area, SWT.NONE);
        buttons.setLayout(new GridLayout(1, true));
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.TOP, false, false));
        button(buttons, "Install\u2026", "A bundle jar, or a p2 repository (zip)", () -> choose().ifPresent(this::install));
        button(buttons, "Update\u2026", "A newer jar of an installed bundle", () -> choose().ifPresent(this::update));
        remove = button(buttons, "Remove", "Uninstall the selected installed bundle", () -> {
            TableItem[] sel = table.getSelection();
            if (sel.length == 1) {
                remove(sel[0].getText(0));
            }
        });

        message = new Label(area, SWT.WRAP);
        GridData messageData = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        messageData.widthHint = 760;
        messageData.heightHint = 60;
        message.setLayoutData(messageData);
        refresh();
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.CLOSE_ID, IDialogConstants.CLOSE_LABEL, true);
    }

    @Override
    protected void buttonPressed(int buttonId) {
        if (buttonId == IDialogConstants.CLOSE_ID) {
            close();
        }
        super.buttonPressed(buttonId);
    }

    private Button button(Composite parent, String label, String tooltip, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(label);
        b.setToolTipText(tooltip);
        b.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        b.addListener(SWT.Selection, e -> action.run());
        actions.add(b);
        return b;
    }

    private java.util.Optional<Path> choose() {
        FileDialog fd = new FileDialog(getShell(), SWT.OPEN);
        fd.setText("Driver bundle or p2 repository");
        fd.setFilterExtensions(new String[] { "*.jar;*.zip", "*" });
        fd.setFilterNames(new String[] { "Bundle jars and p2 repository zips", "All files" });
        String f = fd.open();
        return f == null ? java.util.Optional.empty() : java.util.Optional.of(Path.of(f));
    }

    // ------------------------------------------------------------------ operations (UI thread; also for the self-test)

    /** Installs a jar or every bundle of a p2 repository; completes with the message shown. */
    public CompletableFuture<String> install(Path source) {
        return run("Installing " + source.getFileName() + "\u2026", () -> {
            if (isRepositorySource(source)) {
                // through the p2 engine into Onset's profile, the whole repository or nothing
                return "Installed " + describe(p2().install(source)) + ".";
            }
            return "Installed " + describe(List.of(installer.install(source))) + ".";
        }, source);
    }

    public CompletableFuture<String> update(Path source) {
        return run("Updating from " + source.getFileName() + "\u2026", () -> {
            // all or none: a refusal puts back the bundles updated before it
            return "Updated " + describe(isRepositorySource(source) ? p2().update(source)
                    : installer.updateAll(List.of(source))) + ".";
        }, source);
    }

    public CompletableFuture<String> remove(String symbolicName) {
        return run("Removing " + symbolicName + "\u2026", () -> {
            // a bundle from a p2 repository leaves Onset's p2 profile too
            DriverBundle b = repositories != null ? repositories.remove(symbolicName).orElse(null) : null;
            if (b == null) {
                b = installer.remove(symbolicName);
            }
            return "Removed " + b.symbolicName() + " " + b.version()
                    + ". The configurations of its instruments are kept.";
        }, null);
    }

    /** The rows shown: symbolic name, version, state, origin, drivers. */
    public List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        for (TableItem item : table.getItems()) {
            rows.add(List.of(item.getText(0), item.getText(1), item.getText(2), item.getText(3), item.getText(4)));
        }
        return rows;
    }

    public String message() {
        return message.getText();
    }

    public void select(String symbolicName) {
        for (int i = 0; i < table.getItemCount(); i++) {
            if (table.getItem(i).getText(0).equals(symbolicName)) {
                table.select(i);
            }
        }
        updateButtons();
    }

    private interface Operation {
        String run() throws DriverInstallException, IOException;
    }

    private CompletableFuture<String> run(String busy, Operation op, Path source) {
        CompletableFuture<String> result = new CompletableFuture<>();
        setBusy(true, busy);
        Thread worker = new Thread(() -> {
            String text;
            boolean ok;
            try {
                text = op.run();
                ok = true;
            } catch (DriverInstallException | IOException | RuntimeException e) {
                text = "Refused" + (source == null ? "" : " " + source.getFileName()) + ": " + e.getMessage()
                        + "\nNothing was changed.";
                ok = false;
            }
            String shown = text;
            boolean success = ok;
            if (getShell() != null && !getShell().isDisposed()) {
                getShell().getDisplay().asyncExec(() -> {
                    if (table.isDisposed()) {
                        return;
                    }
                    refresh();
                    setBusy(false, shown);
                    message.setForeground(getShell().getDisplay().getSystemColor(success ? SWT.COLOR_DARK_GREEN : SWT.COLOR_RED));
                    result.complete(shown);
                });
            } else {
                result.complete(shown);
            }
        }, "onset-manage-drivers");
        worker.setDaemon(true);
        worker.start();
        return result;
    }

    private static boolean isRepositorySource(Path source) {
        return Files.isDirectory(source) || source.getFileName().toString().endsWith(".zip");
    }

    /** The p2 installer for a repository source, or why there is none. */
    private RepositoryInstaller p2() throws DriverInstallException {
        if (repositories == null) {
            throw new DriverInstallException("p2 repositories need the p2 runtime (org.onset.instrument.install.p2)");
        }
        return repositories;
    }

    private static String describe(List<DriverBundle> bundles) {
        return String.join(", ", bundles.stream().map(b -> b.symbolicName() + " " + b.version() + " (" + b.state()
                + (b.drivers().isEmpty() ? "" : "; driver types " + String.join(", ", b.drivers())) + ")").toList());
    }

    private void setBusy(boolean busy, String text) {
        for (Button b : actions) {
            b.setEnabled(!busy);
        }
        message.setForeground(getShell().getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
        message.setText(text);
        if (!busy) {
            updateButtons();
        }
    }

    private void refresh() {
        String selected = table.getSelectionCount() == 1 ? table.getSelection()[0].getText(0) : null;
        table.removeAll();
        for (DriverBundle b : installer.driverBundles()) {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(new String[] { b.symbolicName(), b.version(), b.state(), b.builtIn() ? "built in" : "installed",
                    b.drivers().isEmpty() ? "(none)" : String.join(", ", b.drivers()) });
            if (b.symbolicName().equals(selected)) {
                table.setSelection(item);
            }
        }
        updateButtons();
    }

    private void updateButtons() {
        TableItem[] sel = table.getSelection();
        remove.setEnabled(actions.get(0).isEnabled() && sel.length == 1 && "installed".equals(sel[0].getText(3)));
    }
}
