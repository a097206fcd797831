package org.onset.ui.maps.internal.parts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.MessageBox;
import org.onset.ui.maps.internal.MapFiles;
import org.onset.ui.maps.internal.OpenMapFileHandler;

/**
 * The Analysis perspective's list of open map files, the recently opened ones (double-click to open
 * again), an Open button, and a drop zone: map files dragged from a file manager onto this part open
 * each in its own part.
 */
public class OpenMapsPart {

    @Inject
    private MapFiles files;

    private Composite root;
    private org.eclipse.swt.widgets.List open;
    private org.eclipse.swt.widgets.List recent;
    private final Runnable listener = this::changed;

    @PostConstruct
    public void create(Composite parent) {
        root = parent;
        parent.setLayout(new GridLayout(1, false));
        Button openButton = new Button(parent, SWT.PUSH);
        openButton.setText("Open map file\u2026");
        openButton.addListener(SWT.Selection, e -> OpenMapFileHandler.chooseAndOpen(parent.getShell(), files));
        new Label(parent, SWT.NONE).setText("Open map files (drop .h5 files here):");
        open = new org.eclipse.swt.widgets.List(parent, SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
        open.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        open.addListener(SWT.DefaultSelection, e -> openSelected(open));
        // a single click chooses the file that the analysis parts work on
        open.addListener(SWT.Selection, e -> {
            int k = open.getSelectionIndex();
            if (k >= 0) {
                files.select(Path.of(open.getItem(k)));
            }
        });
        new Label(parent, SWT.NONE).setText("Recent (double-click to open):");
        recent = new org.eclipse.swt.widgets.List(parent, SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
        recent.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        recent.addListener(SWT.DefaultSelection, e -> openSelected(recent));
        for (Control c : new Control[] { parent, open, recent }) {
            dropTarget(c);
        }
        refresh(files.open());
        files.addListener(listener);
    }

    private void dropTarget(Control c) {
        DropTarget t = new DropTarget(c, DND.DROP_COPY | DND.DROP_DEFAULT | DND.DROP_LINK);
        t.setTransfer(new Transfer[] { FileTransfer.getInstance() });
        t.addDropListener(new DropTargetAdapter() {
            @Override
            public void dragEnter(DropTargetEvent e) {
                if (e.detail == DND.DROP_DEFAULT) {
                    e.detail = DND.DROP_COPY;
                }
            }

            @Override
            public void drop(DropTargetEvent e) {
                if (e.data instanceof String[] names) {
                    openAll(names);
                }
            }
        });
    }

    /** Opens dropped files; whatever is not a map file is named in one message. */
    public void openAll(String[] names) {
        StringBuilder refused = new StringBuilder();
        for (String n : names) {
            Path p = Path.of(n);
            if (Files.isRegularFile(p) && (n.toLowerCase().endsWith(".h5") || n.toLowerCase().endsWith(".hdf5"))) {
                files.open(p);
            } else {
                refused.append('\n').append(n);
            }
        }
        if (refused.length() > 0) {
            MessageBox m = new MessageBox(root.getShell(), SWT.ICON_WARNING | SWT.OK);
            m.setMessage("Only map files (.h5) open here; not opened:" + refused);
            m.open();
        }
    }

    private void openSelected(org.eclipse.swt.widgets.List list) {
        int k = list.getSelectionIndex();
        if (k >= 0) {
            files.open(Path.of(list.getItem(k)));
        }
    }

    private void changed() {
        if (root != null && !root.isDisposed()) {
            refresh(files.open());
        }
    }

    @PreDestroy
    void dispose() {
        files.removeListener(listener);
    }

    private void refresh(List<Path> openFiles) {
        open.setItems(openFiles.stream().map(Path::toString).toArray(String[]::new));
        recent.setItems(files.recent().stream().map(Path::toString).toArray(String[]::new));
    }

    public String[] openItems() {
        return open.getItems();
    }
}
