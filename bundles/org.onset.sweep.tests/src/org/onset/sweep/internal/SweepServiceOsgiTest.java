package org.onset.sweep.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.map.api.MapFile;
import org.onset.sweep.api.MapRecipe;
import org.onset.sweep.api.PixelOrder;
import org.onset.sweep.api.RecipeCodec;
import org.onset.sweep.api.SweepEvents;
import org.onset.sweep.api.SweepRun;
import org.onset.sweep.api.SweepService;
import org.onset.sweep.api.SweepState;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.util.tracker.ServiceTracker;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The DS components in a running framework: drivers bound by id as services, events on EventAdmin. */
class SweepServiceOsgiTest {
    @TempDir
    Path dir;
    private BundleContext context;
    private final List<ServiceRegistration<?>> registrations = new CopyOnWriteArrayList<>();
    private final List<Event> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        Bundle host = FrameworkUtil.getBundle(SweepServiceImpl.class);
        if (host.getState() != Bundle.ACTIVE) {
            host.start(); // lazy activation: DS components appear once the bundle is started
        }
        context = host.getBundleContext();
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, SweepEvents.ALL);
        registrations.add(context.registerService(EventHandler.class, events::add, topics));
    }

    @AfterEach
    void tearDown() {
        registrations.forEach(ServiceRegistration::unregister);
    }

    private <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T s = tracker.waitForService(10_000);
        assertNotNull(s, type.getSimpleName() + " is registered");
        return s;
    }

    private ScriptedDriver register(String id) {
        ScriptedDriver d = new ScriptedDriver(id, 3, 3, TestRecipes.SPACING);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(InstrumentDriver.INSTRUMENT_ID, id);
        props.put("port", 4711);
        props.put("lines", new String[] { "ai0", "ai1" });
        props.put(".password", "secret");
        props.put("osgi.ds.satisfying.condition.target", "(osgi.condition.id=true)");
        registrations.add(context.registerService(InstrumentDriver.class, d, props));
        return d;
    }

    @Test
    void aDriverRegisteredAsAServiceRunsAMapAndEveryPixelIsAnnounced() throws Exception {
        SweepService sweeps = service(SweepService.class);
        ScriptedDriver driver = register("osgi-scripted");
        assertTrue(sweeps.instruments().contains("osgi-scripted"), sweeps.instruments().toString());
        driver.misbehaveAt(4, ScriptedDriver.Misbehaviour.THROW);
        MapRecipe recipe = TestRecipes.small("osgi-scripted", 3, 3, PixelOrder.RASTER);
        SweepRun run = sweeps.start(recipe, dir.resolve("m.h5"), false);
        SweepRunTest.awaitState(run, SweepState.PAUSED);
        run.resume();
        assertTrue(run.awaitFinished(Duration.ofSeconds(30)));
        assertEquals(SweepState.COMPLETED, run.state());
        awaitEvents(SweepEvents.COMPLETED);
        List<Event> pixels = of(SweepEvents.PIXEL);
        List<Event> faults = of(SweepEvents.FAULT);
        assertEquals(8, pixels.size(), "pixel events");
        assertEquals(1, faults.size(), "fault events");
        Event fault = faults.get(0);
        assertEquals(4, fault.getProperty(SweepEvents.PIXEL_INDEX));
        assertEquals("FAULT", fault.getProperty(SweepEvents.TERMINATION));
        assertTrue(((String) fault.getProperty(SweepEvents.REASON)).contains("DAQ buffer overflow"));
        Event first = pixels.get(0);
        assertEquals(run.id(), first.getProperty(SweepEvents.RUN_ID));
        assertEquals("osgi-scripted", first.getProperty(SweepEvents.INSTRUMENT_ID));
        assertEquals(9, first.getProperty(SweepEvents.TOTAL));
        assertTrue(first.getProperty(SweepEvents.ONSET_BIAS) instanceof Double);
        assertEquals(1, of(SweepEvents.STARTED).size());
        assertEquals(1, of(SweepEvents.PAUSED).size());
        assertEquals(1, of(SweepEvents.RESUMED).size());

        // the file records the instrument's configuration, without private or per-session properties
        try (MapFile file = MapServices.reader().open(dir.resolve("m.h5"))) {
            JsonObject settings = JsonParser.parseString(file.attributes().get("instrument_settings")).getAsJsonObject();
            assertEquals("osgi-scripted", settings.get(InstrumentDriver.INSTRUMENT_ID).getAsString());
            assertEquals(4711, settings.get("port").getAsInt());
            assertEquals(2, settings.getAsJsonArray("lines").size());
            assertTrue(!settings.has(".password") && !settings.has("service.id") && !settings.has("objectClass")
                    && !settings.has("osgi.ds.satisfying.condition.target"),
                    settings.toString());
        }
    }

    /**
     * A driver bundle stopped, updated or removed mid-map: DS unregisters the driver service and
     * deactivates the component, which aborts its ramp. The run must pause with the bias at 0 V,
     * not store the interrupted pixel, wait for the instrument (a user's resume does not end the
     * wait), and go on by itself with the new driver instance of the same id: no lost pixel.
     */
    @Test
    void aDriverThatGoesAwayMidMapPausesAtZeroVoltsAndTheRunGoesOnWhenItIsBack() throws Exception {
        SweepService sweeps = service(SweepService.class);
        ScriptedDriver first = register("osgi-swap").blockSleep(5);
        ServiceRegistration<?> firstRegistration = registrations.get(registrations.size() - 1);
        MapRecipe recipe = TestRecipes.small("osgi-swap", 3, 3, PixelOrder.RASTER);
        SweepRun run = sweeps.start(recipe, dir.resolve("swap.h5"), false);
        while (first.ramps() < 3) {
            Thread.sleep(5);
        }
        first.rampStarted = new java.util.concurrent.CountDownLatch(1);
        assertTrue(first.rampStarted.await(10, TimeUnit.SECONDS), "a ramp in flight");
        // what stopping the driver's bundle does: the service goes, then the component is deactivated
        firstRegistration.unregister();
        registrations.remove(firstRegistration);
        first.abort();
        SweepRunTest.awaitState(run, SweepState.PAUSED);
        assertTrue(run.awaitingInstrument(), "the run knows it waits for its instrument: " + run.progress().reason());
        assertTrue(run.progress().reason().contains("the driver of instrument 'osgi-swap' went away during pixel"),
                run.progress().reason());
        assertEquals(0.0, first.bias(), "bias of the driver that went away");
        int storedBefore = of(SweepEvents.PIXEL).size();
        run.resume(); // a user's resume cannot bring the instrument back
        Thread.sleep(400);
        assertEquals(SweepState.PAUSED, run.state());
        assertEquals(storedBefore, of(SweepEvents.PIXEL).size(), "nothing is measured without the instrument");

        ScriptedDriver second = register("osgi-swap");
        assertTrue(run.awaitFinished(Duration.ofSeconds(30)), "the run goes on by itself");
        assertEquals(SweepState.COMPLETED, run.state(), run.progress().reason());
        assertTrue(second.ramps() >= 1, "the new driver measured the rest");
        List<Event> pixels = of(SweepEvents.PIXEL);
        assertEquals(9, pixels.size(), "every pixel measured once, none lost: " + pixels.size());
        for (Event e : pixels) {
            assertTrue(!"ABORTED".equals(e.getProperty(SweepEvents.TERMINATION))
                    && !"FAULT".equals(e.getProperty(SweepEvents.TERMINATION)), "pixel " + e.getProperty(SweepEvents.PIXEL_INDEX)
                            + " " + e.getProperty(SweepEvents.TERMINATION));
        }
        assertEquals(9, java.util.Set.copyOf(pixels.stream().map(e -> e.getProperty(SweepEvents.PIXEL_INDEX)).toList()).size());
        assertTrue(of(SweepEvents.RESUMED).size() >= 1);
    }

    /**
     * The same with a real DS driver bundle: the simulator's bundle is stopped mid-map (as
     * {@code onset drivers update/remove} does to a driver bundle), so SCR deactivates the component
     * of the map's configuration and unregisters its service. The run must pause with that
     * instrument's bias at 0 V, store nothing while it waits, and go on by itself when the bundle is
     * started again and SCR re-creates the driver from the same configuration: every pixel once.
     */
    @Test
    void aRealDriverBundleStoppedMidMapPausesTheRunAtZeroVoltsUntilItIsStartedAgain() throws Exception {
        SweepService sweeps = service(SweepService.class);
        ConfigurationAdmin configs = service(ConfigurationAdmin.class);
        Bundle simBundle = null;
        for (Bundle b : context.getBundles()) {
            if ("org.onset.instrument.sim".equals(b.getSymbolicName())) {
                simBundle = b;
            }
        }
        assertNotNull(simBundle, "the simulator's bundle is in the test framework");
        if (simBundle.getState() != Bundle.ACTIVE) {
            simBundle.start();
        }
        String id = "sim-bundle-stopped";
        Configuration config = configs.getFactoryConfiguration("org.onset.instrument.sim", "bundle-stopped", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(InstrumentDriver.INSTRUMENT_ID, id);
        // paced to the wall clock and slowed down (a ramp takes ~0.5 s), so that the stop falls into a ramp
        props.put("timing", "realtime");
        props.put("timing.speedup", 0.25);
        config.update(props);
        try {
            driver(id); // registered by SCR
            // the small test recipe, with a watchdog margin that allows the paced stage's first move
            MapRecipe small = TestRecipes.small(id, 3, 3, PixelOrder.RASTER);
            MapRecipe recipe = new MapRecipe(small.name(), id, small.grid(), small.order(), small.orderSeed(), small.ramp(),
                    small.cutoff(), small.settleSeconds(), small.sampleRateHz(), new MapRecipe.SafetyLimits(-5, 1, 50, 10),
                    small.topography());
            SweepRun run = sweeps.start(recipe, dir.resolve("bundle-stop.h5"), false);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            // two pixels stored, then half a pixel (~0.25 s of a ~0.5 s pixel, most of it the ramp)
            while (of(SweepEvents.PIXEL).size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            Thread.sleep(250);
            assertTrue(of(SweepEvents.PIXEL).size() >= 2 && of(SweepEvents.PIXEL).size() < 9,
                    "the bundle is stopped mid-map: " + of(SweepEvents.PIXEL).size() + " pixels stored; run " + run.state()
                            + " " + run.progress().reason());
            InstrumentDriver first = driver(id);
            simBundle.stop();
            SweepRunTest.awaitState(run, SweepState.PAUSED);
            assertTrue(run.awaitingInstrument(), "the run waits for its instrument: " + run.progress().reason());
            // mid-ramp: "the driver ... went away during pixel (i, j)"; between two ramps: "... is not registered"
            assertTrue(run.progress().reason().contains("the driver of instrument '" + id + "' went away during pixel")
                    || run.progress().reason().contains("instrument '" + id + "' is not registered (any more)"),
                    run.progress().reason());
            System.out.println("[bundle-stop] paused: " + run.progress().reason());
            assertEquals(0.0, first.bias(), "the bias of the driver whose bundle stopped");
            int storedBefore = of(SweepEvents.PIXEL).size();
            Thread.sleep(300);
            assertEquals(SweepState.PAUSED, run.state());
            assertEquals(storedBefore, of(SweepEvents.PIXEL).size(), "nothing is measured while the bundle is stopped");

            simBundle.start(); // SCR re-creates the driver from the same factory configuration
            assertTrue(run.awaitFinished(Duration.ofSeconds(60)), "the run goes on by itself");
            assertEquals(SweepState.COMPLETED, run.state(), run.progress().reason());
            List<Event> pixels = of(SweepEvents.PIXEL).stream().filter(e -> run.id().equals(e.getProperty(SweepEvents.RUN_ID)))
                    .toList();
            assertEquals(9, pixels.size(), "every pixel stored once, none lost");
            assertEquals(9, java.util.Set.copyOf(pixels.stream().map(e -> e.getProperty(SweepEvents.PIXEL_INDEX)).toList()).size());
            for (Event e : pixels) {
                assertTrue(!"ABORTED".equals(e.getProperty(SweepEvents.TERMINATION))
                        && !"FAULT".equals(e.getProperty(SweepEvents.TERMINATION)),
                        "pixel " + e.getProperty(SweepEvents.PIXEL_INDEX) + " " + e.getProperty(SweepEvents.TERMINATION));
            }
            assertTrue(of(SweepEvents.RESUMED).size() >= 1);
        } finally {
            if (simBundle.getState() != Bundle.ACTIVE) {
                simBundle.start();
            }
            config.delete();
        }
    }

    private InstrumentDriver driver(String id) throws Exception {
        ServiceTracker<InstrumentDriver, InstrumentDriver> tracker = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + InstrumentDriver.class.getName() + ")(" + InstrumentDriver.INSTRUMENT_ID
                        + "=" + id + "))"), null);
        tracker.open();
        try {
            InstrumentDriver d = tracker.waitForService(10_000);
            assertNotNull(d, "driver " + id + " registered by SCR");
            return d;
        } finally {
            tracker.close();
        }
    }

    @Test
    void theCodecIsAService() throws Exception {
        RecipeCodec codec = service(RecipeCodec.class);
        MapRecipe r = codec.read(RecipeCodecTest.recipesDir().resolve("height-control.json"));
        assertEquals(8e-9, ((org.onset.instrument.api.CutoffRule.Height) r.cutoff()).metres(), 1e-18);
    }

    private List<Event> of(String topic) {
        return events.stream().filter(e -> e.getTopic().equals(topic)).toList();
    }

    private void awaitEvents(String topic) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (of(topic).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(!of(topic).isEmpty(), "no " + topic + " event; got " + events);
    }
}
