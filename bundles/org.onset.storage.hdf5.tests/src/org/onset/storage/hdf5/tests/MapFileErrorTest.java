package org.onset.storage.hdf5.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapStore;
import org.onset.map.api.MapStoreFactory;
import org.onset.map.api.Grid;

import ch.systemsx.cisd.hdf5.HDF5Factory;
import ch.systemsx.cisd.hdf5.IHDF5Writer;

/** Wrong paths and wrong files give errors that name the file and the reason. */
class MapFileErrorTest {

    @TempDir
    Path dir;

    private final Grid layout = new Grid(3, 2, 0, 0, 1e-6, 1e-6);

    @Test
    void refusesToOverwriteUnlessAsked() throws Exception {
        Path file = dir.resolve("exists.h5");
        try (MapStore w = MapFiles.create(file, layout, Map.of(), List.of())) {
            w.append(SyntheticMap.pixel(layout, 0, 1, 100));
        }
        long size = Files.size(file);
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> MapFiles.create(file, layout, Map.of(), List.of()));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("openForResume"),
                e.getMessage());
        assertEquals(size, Files.size(file), "the existing file is untouched");
        try (MapStore w = MapFiles.create(file, layout, Map.of(), List.of(),
                MapStoreFactory.IfExists.REPLACE)) {
            assertTrue(w.completedPixels().isEmpty(), "replaced by an empty map");
        }
    }

    @Test
    void unwritableLocationsAreNamed() {
        Path notADir = dir.resolve("plain.txt");
        IOException e = assertThrows(IOException.class, () -> {
            Files.writeString(notADir, "x");
            MapFiles.create(notADir.resolve("map.h5"), layout, Map.of(), List.of());
        });
        assertTrue(e.getMessage().contains(notADir.toString()) && e.getMessage().contains("does not exist"),
                e.getMessage());
        IOException missing = assertThrows(IOException.class,
                () -> MapFiles.create(dir.resolve("no/such/dir/map.h5"), layout, Map.of(), List.of()));
        assertTrue(missing.getMessage().contains("no/such/dir"), missing.getMessage());
        IOException isDir = assertThrows(IOException.class,
                () -> MapFiles.create(dir, layout, Map.of(), List.of(), MapStoreFactory.IfExists.FAIL));
        assertTrue(isDir.getMessage().contains(dir.toString()), isDir.getMessage());
    }

    @Test
    void resumeNamesWhatIsWrongWithTheFile() throws Exception {
        Path missing = dir.resolve("missing.h5");
        NoSuchFileException none = assertThrows(NoSuchFileException.class, () -> MapFiles.openForResume(missing));
        assertTrue(none.getMessage().contains(missing.toString()), none.getMessage());

        Path text = dir.resolve("notes.h5");
        Files.writeString(text, "this is not HDF5");
        IOException notHdf5 = assertThrows(IOException.class, () -> MapFiles.openForResume(text));
        assertTrue(notHdf5.getMessage().contains(text.toString()) && notHdf5.getMessage().contains("not an HDF5"),
                notHdf5.getMessage());

        Path foreign = dir.resolve("foreign.h5");
        try (IHDF5Writer w = HDF5Factory.open(foreign.toFile())) {
            w.float64().writeArray("/data", new double[] { 1, 2, 3 });
        }
        IOException notOurs = assertThrows(IOException.class, () -> MapFiles.openForResume(foreign));
        assertTrue(notOurs.getMessage().contains(foreign.toString())
                && notOurs.getMessage().contains("not an Onset map file"), notOurs.getMessage());
        IOException notOursRead = assertThrows(IOException.class, () -> MapFiles.open(foreign));
        assertTrue(notOursRead.getMessage().contains("not an Onset map file"), notOursRead.getMessage());

        Path truncated = dir.resolve("truncated.h5");
        try (MapStore w = MapFiles.create(truncated, layout, Map.of(), SyntheticMap.CHANNELS)) {
            w.append(SyntheticMap.pixel(layout, 0, 1, 5000));
        }
        try (RandomAccessFile f = new RandomAccessFile(truncated.toFile(), "rw")) {
            f.setLength(f.length() / 3);
        }
        IOException damaged = assertThrows(IOException.class, () -> MapFiles.open(truncated));
        assertTrue(damaged.getMessage().contains(truncated.toString()), damaged.getMessage());
        IOException damagedResume = assertThrows(IOException.class, () -> MapFiles.openForResume(truncated));
        assertTrue(damagedResume.getMessage().contains(truncated.toString()), damagedResume.getMessage());
        long length = java.nio.file.Files.size(truncated);
        for (IOException e : List.of(damaged, damagedResume)) {
            // says what is wrong (and how much is there), and does not send the user looking for another program
            assertTrue(e.getMessage().contains("the file is truncated: " + length + " of its "), e.getMessage());
            assertTrue(!e.getMessage().contains("another program"), e.getMessage());
        }
    }

    @Test
    void badArgumentsAreRefusedBeforeAnyFileIsMade() {
        Path file = dir.resolve("args.h5");
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> MapFiles.create(file, layout, Map.of("grid_nx", "3"), List.of())).getMessage()
                .contains("reserved"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> MapFiles.create(file, layout, Map.of("bad name", "x"), List.of())).getMessage()
                .contains("bad name"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> MapFiles.create(file, layout, Map.of(),
                        List.of(SyntheticMap.BIAS, SyntheticMap.BIAS))).getMessage().contains("twice"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> MapFiles.create(file, new Grid(0, 3, 0, 0, 1, 1), Map.of(), List.of())).getMessage()
                .contains("nx"));
        assertTrue(!Files.exists(file), "nothing was created");
    }
}
