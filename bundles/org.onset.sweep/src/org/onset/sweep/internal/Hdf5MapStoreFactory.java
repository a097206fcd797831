package org.onset.sweep.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Map;

import org.onset.instrument.api.Capabilities;
import org.onset.instrument.api.TopographyImage;
import org.onset.storage.hdf5.MapFileWriter;
import org.onset.storage.hdf5.MapLayout;
import org.onset.storage.hdf5.PixelRecord;
import org.onset.sweep.api.MapRecipe;
import org.onset.sweep.api.MapRecipe.Grid;
import org.onset.sweep.api.PixelResult;

/** Map files through the HDF5 storage bundle. */
final class Hdf5MapStoreFactory implements MapStoreFactory {

    /** Stored as the rule of pixels whose ramp no rule stopped. */
    static final String NO_RULE = "none";

    @Override
    public MapStore create(Path file, MapRecipe recipe, Map<String, String> attributes, Capabilities capabilities)
            throws IOException {
        Grid g = recipe.grid();
        MapLayout layout = new MapLayout(g.nx(), g.ny(), g.x0(), g.y0(), g.dx(), g.dy());
        return new Store(MapFileWriter.create(file, layout, attributes, new ArrayList<>(capabilities.channels().values())),
                attributes.get("recipe"));
    }

    @Override
    public MapStore openForResume(Path file) throws IOException {
        MapFileWriter writer = MapFileWriter.openForResume(file);
        String recipe;
        try (var reader = org.onset.storage.hdf5.MapFileReader.open(file)) {
            recipe = reader.attributes().getOrDefault("recipe", "");
        } catch (IOException | RuntimeException e) {
            writer.close();
            throw e;
        }
        return new Store(writer, recipe);
    }

    private static final class Store implements MapStore {
        private final MapFileWriter writer;
        private final String recipeJson;

        Store(MapFileWriter writer, String recipeJson) {
            this.writer = writer;
            this.recipeJson = recipeJson == null ? "" : recipeJson;
        }

        @Override
        public BitSet completed() {
            return writer.completedPixels();
        }

        @Override
        public String recipeJson() {
            return recipeJson;
        }

        @Override
        public void append(PixelResult p, Curve c) throws IOException {
            writer.appendPixel(new PixelRecord(p.index(), p.i(), p.j(), p.x(), p.y(), p.onsetBias(), p.currentAtEnd(),
                    p.heightChangeAtEnd(), p.rule().isEmpty() ? NO_RULE : p.rule(), p.cutoffSampleIndex(),
                    p.termination().name(), p.faultReason(), p.start().toEpochMilli(), p.end().toEpochMilli(),
                    c.sampleRateHz(), c.time(), c.bias(), c.current(), c.height(), c.size()));
        }

        @Override
        public boolean hasTopography(String name) {
            return writer.hasTopography(name);
        }

        @Override
        public void writeTopography(String name, TopographyImage image) throws IOException {
            writer.writeTopography(name, image);
        }

        @Override
        public void markComplete() throws IOException {
            writer.markComplete();
        }

        @Override
        public void close() throws IOException {
            writer.close();
        }
    }
}
