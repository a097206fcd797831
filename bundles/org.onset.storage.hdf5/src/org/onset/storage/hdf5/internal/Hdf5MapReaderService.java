package org.onset.storage.hdf5.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.onset.map.api.MapFile;
import org.onset.map.api.MapReaderService;
import org.osgi.service.component.annotations.Component;

/** The map-file reader as a service; also reads files whose writer was killed. Stateless. */
@Component(service = MapReaderService.class)
public final class Hdf5MapReaderService implements MapReaderService {

    @Override
    public MapFile open(Path file) throws IOException {
        return Hdf5MapFileReader.open(file);
    }
}
