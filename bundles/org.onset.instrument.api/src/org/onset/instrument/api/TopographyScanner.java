package org.onset.instrument.api;

import org.osgi.annotation.versioning.ProviderType;

/** Images the surface height (AFM topography). */
@ProviderType
public interface TopographyScanner {

    /**
     * Scans {@code nx × ny} points starting at (x0, y0) with steps (dx, dy), m.
     *
     * @throws LimitExceededException when the area leaves the positioner range or counts are &lt; 1
     * @throws NotConnectedException when the instrument is not online
     */
    TopographyImage scan(double x0, double y0, double dx, double dy, int nx, int ny);
}
