package org.onset.ui.analysis.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.onset.ui.maps.files.OpenMapFiles;

/**
 * Which map file a part works on: the files open in the workbench (the Analysis perspective's
 * <i>Map files</i> list, whose selection it follows when asked to) and any other file chosen with
 * <i>Other file…</i>. Three controls in the parent's current row (label, combo, button).
 */
public final class FileChoice {

    private final OpenMapFiles files;
    private final Combo combo;
    private final List<Path> items = new ArrayList<>();
    private final List<Path> others = new ArrayList<>();
    private final Consumer<Path> changed;
    private final boolean follow;
    private Path current;
    private final Runnable listener = this::filesChanged;

    /**
     * @param files   the workbench's open map files; null: only chosen files
     * @param follow  whether to switch to the file selected in the Map files list
     * @param changed told (UI thread) when the choice changes; null path: none
     */
    public FileChoice(Composite parent, String label, OpenMapFiles files, boolean follow, Consumer<Path> changed) {
        this.files = files;
        this.follow = follow;
        this.changed = changed;
        new Label(parent, SWT.NONE).setText(label);
        combo = new Combo(parent, SWT.READ_ONLY | SWT.DROP_DOWN);
        GridData gd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        gd.widthHint = 260;
        combo.setLayoutData(gd);
        combo.addListener(SWT.Selection, e -> {
            int k = combo.getSelectionIndex();
            choose(k < 0 ? null : items.get(k));
        });
        Button other = new Button(parent, SWT.PUSH);
        other.setText("Other file\u2026");
        other.setToolTipText("Choose a map file (.h5) that is not open in the workbench");
        other.addListener(SWT.Selection, e -> {
            FileDialog d = new FileDialog(parent.getShell(), SWT.OPEN);
            d.setFilterExtensions(new String[] { "*.h5;*.hdf5", "*" });
            String f = d.open();
            if (f != null && Files.isRegularFile(Path.of(f))) {
                choose(Path.of(f));
            }
        });
        if (files != null) {
            files.addListener(listener);
            combo.addDisposeListener(e -> files.removeListener(listener));
        }
        refill();
    }

    /** The file chosen now; null when none. */
    public Path current() {
        return current;
    }

    /** Chooses a file (also one not open in the workbench). */
    public void choose(Path file) {
        Path f = file == null ? null : file.toAbsolutePath().normalize();
        if (f != null && !items.contains(f) && !others.contains(f)) {
            others.add(f);
        }
        boolean differs = f == null ? current != null : !f.equals(current);
        current = f;
        refill();
        if (differs) {
            changed.accept(f);
        }
    }

    /** The first open file other than {@code not}, for a second map to compare with; null when none. */
    public Path another(Path not) {
        for (Path p : items) {
            if (!p.equals(not)) {
                return p;
            }
        }
        return null;
    }

    /** Follows the workbench: new files are listed, and the selected one is taken when following. */
    private void filesChanged() {
        if (combo.isDisposed()) {
            return;
        }
        Path sel = files.selected();
        if (follow && sel != null && !sel.equals(current)) {
            choose(sel);
        } else {
            refill();
        }
    }

    /** Puts the workbench's selection in when following and nothing is chosen yet. */
    public void start() {
        if (files != null && follow && current == null && files.selected() != null) {
            choose(files.selected());
        }
    }

    private void refill() {
        items.clear();
        if (files != null) {
            for (Path p : files.open()) {
                items.add(p.toAbsolutePath().normalize());
            }
        }
        for (Path p : others) {
            if (!items.contains(p)) {
                items.add(p);
            }
        }
        if (current != null && !items.contains(current)) {
            items.add(current);
        }
        combo.setItems(items.stream().map(p -> p.getFileName().toString()).toArray(String[]::new));
        if (current != null) {
            combo.select(items.indexOf(current));
            combo.setToolTipText(current.toString());
        }
        combo.getParent().layout();
    }
}
