package org.onset.sweep.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.onset.instrument.api.InstrumentDriver;
import org.onset.sweep.api.PixelOrder;
import org.onset.sweep.api.SweepRun;

/**
 * Runs a map in a separate JVM (plain class path, no framework: the service is constructed the way
 * DS would) so that a test can kill it with SIGKILL. Prints "done N" after every stored pixel.
 *
 * <p>Arguments: output file, milliseconds per sample block.
 */
public final class KillResumeChild {
    static final int NX = 6;
    static final int NY = 6;
    static final long SEED = 2013;

    private KillResumeChild() {
    }

    static ScriptedDriver driver() {
        return new ScriptedDriver("kill", SEED, NX, TestRecipes.SPACING);
    }

    static org.onset.sweep.api.MapRecipe recipe() {
        return TestRecipes.small("kill", NX, NY, PixelOrder.RANDOM);
    }

    public static void main(String[] args) throws Exception {
        SweepServiceImpl service = new SweepServiceImpl(MapServices.storesWithoutFramework());
        ScriptedDriver d = driver().blockSleep(Long.parseLong(args[1]));
        service.addDriver(d, Map.of(InstrumentDriver.INSTRUMENT_ID, "kill"));
        SweepRun run = service.start(recipe(), Path.of(args[0]), false);
        int reported = -1;
        while (!run.awaitFinished(Duration.ofMillis(2))) {
            int done = run.progress().done();
            if (done != reported) {
                System.out.println("done " + done);
                System.out.flush();
                reported = done;
            }
        }
        System.out.println("finished " + run.state());
    }
}
