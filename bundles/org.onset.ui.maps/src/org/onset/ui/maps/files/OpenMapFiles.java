package org.onset.ui.maps.files;

import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The map files open in the workbench's Analysis perspective and the one the user chose last (in
 * the <i>Map files</i> list, or by opening it), for other parts that work on "the current map file"
 * (analysis views, overlays). Found in the application's e4 context; used on the UI thread.
 */
@ProviderType
public interface OpenMapFiles {

    /** The map files open now, in the order they were opened. */
    List<Path> open();

    /** The file chosen last: selected in the Map files list or opened most recently; null when none. */
    Path selected();

    /** Makes a file the selected one (as a click in the Map files list does); listeners are told. */
    void select(Path file);

    /** Told (on the UI thread) when files were opened or closed or the selection changed. */
    void addListener(Runnable listener);

    void removeListener(Runnable listener);
}
