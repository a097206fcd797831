package org.onset.ui.maps.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MPartSashContainer;
import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

/**
 * Opens map files in parts of the Analysis perspective, each file in its own part: the first in the
 * perspective's main stack, the next ones in new stacks beside it (up to three side by side, then as
 * tabs). Remembers the open files (for the Analysis perspective's list) and the ten most recent
 * ones ({@code ONSET_HOME/recent-maps.txt}). Lives in the application context; used on the UI thread.
 */
public final class MapFiles implements org.onset.ui.maps.files.OpenMapFiles {

    public static final String PART_DESCRIPTOR = "org.onset.ui.maps.partdescriptor.mapfile";
    public static final String FILE_KEY = "org.onset.ui.maps.file";
    /** Posted (data: the file list) when files were opened or closed or the recent list changed. */
    public static final String TOPIC_CHANGED = "org/onset/ui/maps/files/CHANGED";
    static final String ANALYSIS = "org.onset.ui.perspective.analysis";
    static final String ANALYSIS_SASH = "org.onset.ui.analysis.sash";
    static final String ANALYSIS_MAIN = "org.onset.ui.analysis.main";
    private static final String STACK_PREFIX = "org.onset.ui.maps.analysis.stack.";
    private static final int MAX_RECENT = 10;
    private static final int MAX_SIDE_BY_SIDE = 3;

    private final MApplication app;
    private final EModelService models;
    private final EPartService parts;
    private final IEventBroker events;
    private final Path recentFile;
    private final LinkedHashSet<Path> recent = new LinkedHashSet<>();
    private int stacks;
    private Path selected;
    private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public MapFiles(MApplication app, EModelService models, EPartService parts, IEventBroker events, Path home) {
        this.app = app;
        this.models = models;
        this.parts = parts;
        this.events = events;
        this.recentFile = home == null ? null : home.resolve("recent-maps.txt");
        loadRecent();
    }

    /** The map files open now, in the order they were opened. */
    @Override
    public List<Path> open() {
        List<Path> files = new ArrayList<>();
        for (MPart p : models.findElements(app, null, MPart.class, List.of(PART_DESCRIPTOR))) {
            String f = p.getPersistedState().get(FILE_KEY);
            if (f != null && p.isToBeRendered()) {
                files.add(Path.of(f));
            }
        }
        return files;
    }

    public List<Path> recent() {
        List<Path> r = new ArrayList<>(recent);
        java.util.Collections.reverse(r);
        return r;
    }

    /** Opens (or brings to the front, when open already) a map file in its own part. */
    public MPart open(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        switchToAnalysis();
        for (MPart p : models.findElements(app, null, MPart.class, List.of(PART_DESCRIPTOR))) {
            if (abs.toString().equals(p.getPersistedState().get(FILE_KEY)) && p.isToBeRendered()) {
                parts.showPart(p, PartState.ACTIVATE);
                return p;
            }
        }
        MPart part = parts.createPart(PART_DESCRIPTOR);
        part.getPersistedState().put(FILE_KEY, abs.toString());
        part.setLabel(abs.getFileName().toString());
        part.setTooltip(abs.toString());
        part.getTags().add(PART_DESCRIPTOR);
        part.getTags().add(EPartService.REMOVE_ON_HIDE_TAG); // closing the part closes the file for good
        target().getChildren().add(part);
        parts.showPart(part, PartState.ACTIVATE);
        selected = abs;
        remember(abs);
        changed();
        return part;
    }

    private void switchToAnalysis() {
        MUIElement p = models.find(ANALYSIS, app);
        if (p instanceof MPerspective perspective) {
            parts.switchPerspective(perspective);
        }
    }

    /** The first file goes to the main stack; later ones each to a new stack beside it. */
    private MPartStack target() {
        MUIElement main = models.find(ANALYSIS_MAIN, app);
        MUIElement sash = models.find(ANALYSIS_SASH, app);
        if (!(main instanceof MPartStack mainStack) || !(sash instanceof MPartSashContainer container)) {
            throw new IllegalStateException("the application model has no Analysis perspective stack "
                    + ANALYSIS_MAIN);
        }
        boolean mainHasFile = mainStack.getChildren().stream()
                .anyMatch(c -> c.isToBeRendered() && c.getTags().contains(PART_DESCRIPTOR));
        if (!mainHasFile) {
            return mainStack;
        }
        List<MPartStack> ours = new ArrayList<>();
        for (MUIElement c : container.getChildren()) {
            if (c instanceof MPartStack s && s.getElementId() != null && s.getElementId().startsWith(STACK_PREFIX)
                    && s.isToBeRendered()) {
                ours.add(s);
            }
        }
        if (ours.size() + 1 >= MAX_SIDE_BY_SIDE) {
            return ours.get(ours.size() - 1);
        }
        MPartStack stack = models.createModelElement(MPartStack.class);
        stack.setElementId(STACK_PREFIX + (++stacks));
        stack.setContainerData(mainStack.getContainerData());
        int at = container.getChildren().indexOf(mainStack) + 1 + ours.size();
        container.getChildren().add(at, stack);
        return stack;
    }

    /** Called by a map file part when it closes: the list is posted once the part is gone from the model. */
    public void closedLater(org.eclipse.swt.widgets.Display display) {
        if (!display.isDisposed()) {
            display.asyncExec(this::changed);
        }
    }

    private void remember(Path file) {
        recent.remove(file);
        recent.add(file);
        while (recent.size() > MAX_RECENT) {
            recent.remove(recent.iterator().next());
        }
        if (recentFile != null) {
            try {
                Files.createDirectories(recentFile.getParent());
                Files.write(recentFile, recent.stream().map(Path::toString).toList(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                // the recent list is a convenience: a read-only home must not stop the file from opening
            }
        }
    }

    private void loadRecent() {
        if (recentFile == null || !Files.isRegularFile(recentFile)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(recentFile, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    recent.add(Path.of(line.trim()));
                }
            }
        } catch (IOException e) {
            // as above: no recent list then
        }
    }

    @Override
    public Path selected() {
        List<Path> now = open();
        if (selected != null && now.contains(selected)) {
            return selected;
        }
        return now.isEmpty() ? null : now.get(now.size() - 1);
    }

    /** The user chose this file (in the Map files list): parts that follow the current file are told. */
    @Override
    public void select(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (!abs.equals(selected)) {
            selected = abs;
            listeners.forEach(Runnable::run);
        }
    }

    /** Told (on the UI thread) when files were opened or closed or another was selected. */
    @Override
    public void addListener(Runnable l) {
        listeners.add(l);
    }

    @Override
    public void removeListener(Runnable l) {
        listeners.remove(l);
    }

    void changed() {
        listeners.forEach(Runnable::run);
        events.post(TOPIC_CHANGED, open());
    }
}
