package org.onset.ui.maps.internal.view;

import java.io.IOException;

import org.onset.map.api.PixelRecord;

/** Where the inspector gets a stored pixel's record and curve. Called in a Job, never on the UI thread. */
@FunctionalInterface
public interface PixelSource {
    PixelRecord read(int index) throws IOException;
}
