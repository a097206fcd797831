package org.onset.batch.internal.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.onset.batch.BatchCommand;
import org.onset.batch.internal.sweep.Commands;
import org.onset.instrument.api.Channel;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.api.InstrumentStatus.State;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/** {@code onset drivers} against the real Config Admin, Metatype and simulator. */
class DriversCommandTest {

    private static final List<String> IDS = List.of("t-quiet", "t-bad", "t-dup", "t-set", "t-gone", "t-refused",
            "t-orphan", "t-generic");

    @AfterEach
    void removeTestInstruments() throws Exception {
        for (String id : IDS) {
            Configuration[] found = configAdmin().listConfigurations("(instrument.id=" + id + ")");
            if (found != null) {
                for (Configuration c : found) {
                    c.delete();
                }
            }
        }
    }

    private static Commands.Result drivers(String... args) throws Exception {
        BatchCommand command = Commands.command("drivers");
        return Commands.capture((out, err) -> command.run(List.of(args), out, err));
    }

    private static ConfigurationAdmin configAdmin() throws Exception {
        ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> t = new ServiceTracker<>(Commands.context(),
                ConfigurationAdmin.class, null);
        t.open();
        return t.waitForService(10_000);
    }

    private static int configurations(String id) throws Exception {
        Configuration[] found = configAdmin().listConfigurations("(instrument.id=" + id + ")");
        return found == null ? 0 : found.length;
    }

    /** The driver service of that id registered now. */
    private static Optional<InstrumentDriver> driver(String id) throws Exception {
        BundleContext context = Commands.context();
        var refs = context.getServiceReferences(InstrumentDriver.class, "(instrument.id=" + id + ")");
        return refs.stream().findFirst().map(context::getService);
    }

    /** The row of one setting in the output of {@code settings}: NAME CURRENT [*] DEFAULT UNIT MEANING. */
    private static String row(String settingsOutput, String name) {
        return settingsOutput.lines().filter(l -> l.trim().startsWith(name + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + name + " in\n" + settingsOutput));
    }

    @Test
    void addSimCreatesAWorkingDriverWithTheSettingsApplied() throws Exception {
        Commands.Result r = drivers("add-sim", "t-quiet", "--set", "driftX=0", "--set", "sampleSeed=5", "--set",
                "channel.height=false");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("status: OFFLINE (not connected)"), r.out());

        InstrumentDriver d = driver("t-quiet").orElseThrow();
        assertEquals("sample seed 5", d.info().serial(), "the engine got sampleSeed");
        assertFalse(d.capabilities().has(Channel.HEIGHT), "the driver got channel.height=false");
        d.connect();
        assertEquals(State.ONLINE, d.status().state(), d.status().reason());
        d.disconnect();

        Commands.Result s = drivers("settings", "t-quiet");
        assertEquals(0, s.exit(), s.err());
        assertTrue(row(s.out(), "driftX").matches("\\s+driftX\\s+0\\.0 \\*\\s+3\\.33\\d*E-11\\s+m/s\\s+Drift x"),
                row(s.out(), "driftX"));
        assertTrue(row(s.out(), "sampleSeed").matches("\\s+sampleSeed\\s+5 \\*\\s+11\\s+dimensionless\\s+.*"),
                row(s.out(), "sampleSeed"));
        // not set: the default is the current value, without the mark
        assertTrue(row(s.out(), "driftY").matches("\\s+driftY\\s+-1\\.66\\d*E-11\\s+-1\\.66\\d*E-11\\s+m/s\\s+.*"),
                row(s.out(), "driftY"));

        Commands.Result list = drivers("list");
        assertEquals(0, list.exit(), list.err());
        String block = list.out().substring(list.out().indexOf("t-quiet  "));
        assertTrue(block.startsWith("t-quiet  Simulated LICGC instrument (t-quiet)  [simulated]"), block);
        assertTrue(block.contains("bundle         org.onset.instrument.sim "), block);
        assertTrue(block.contains("configuration  org.onset.instrument.sim~t-quiet"), block);
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("sim  ")), "the default simulator:\n" + list.out());
    }

    @Test
    void badNamesAndValuesAreRefusedBeforeAnythingIsCreated() throws Exception {
        Commands.Result typo = drivers("add-sim", "t-bad", "--set", "driftx=0");
        assertEquals(BatchCommand.USAGE, typo.exit());
        assertTrue(typo.err().contains("unknown setting 'driftx'") && typo.err().contains("did you mean driftX"),
                typo.err());

        Commands.Result text = drivers("add-sim", "t-bad", "--set", "driftX=slow");
        assertEquals(BatchCommand.USAGE, text.exit());
        assertTrue(text.err().contains("setting 'driftX' must be a number in m/s, got 'slow'"), text.err());

        Commands.Result fraction = drivers("add-sim", "t-bad", "--set", "adcBits=12.5");
        assertEquals(BatchCommand.USAGE, fraction.exit());
        assertTrue(fraction.err().contains("setting 'adcBits' must be an integer"), fraction.err());

        Commands.Result option = drivers("add-sim", "t-bad", "--set", "timing=fast");
        assertEquals(BatchCommand.USAGE, option.exit());
        assertTrue(option.err().contains("'timing' must be one of virtual, realtime"), option.err());

        assertEquals(0, configurations("t-bad"));
        assertTrue(driver("t-bad").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> drivers("add-sim"));
        assertThrows(IllegalArgumentException.class, () -> drivers("add-sim", "t-bad", "driftX=0"));
        assertThrows(IllegalArgumentException.class, () -> drivers("add-sim", "bad id"));
        assertEquals(0, configurations("t-bad"));
    }

    @Test
    void valuesTheSimulatorRefusesLeaveNothingBehind() throws Exception {
        // a number the metatype accepts, but a positive bias minimum is refused by the driver
        Commands.Result r = drivers("add-sim", "t-refused", "--set", "bias.min=5");
        assertEquals(BatchCommand.FAILURE, r.exit(), r.out());
        assertTrue(r.err().contains("bias.min") && r.err().contains("was not added"), r.err());
        assertEquals(0, configurations("t-refused"));
        assertTrue(driver("t-refused").isEmpty());
    }

    @Test
    void anExistingIdIsRefused() throws Exception {
        assertEquals(0, drivers("add-sim", "t-dup").exit());
        Commands.Result again = drivers("add-sim", "t-dup", "--set", "driftX=0");
        assertEquals(BatchCommand.FAILURE, again.exit());
        assertTrue(again.err().contains("an instrument 't-dup' exists already"), again.err());
        assertEquals(1, configurations("t-dup"));
        Commands.Result s = drivers("settings", "t-dup");
        assertFalse(row(s.out(), "driftX").contains("*"), "the first instrument is unchanged: " + row(s.out(), "driftX"));
        // the default instrument too
        assertEquals(BatchCommand.FAILURE, drivers("add-sim", "sim").exit());
    }

    @Test
    void setUpdatesAnInstrumentAndRestoresWhatTheDriverRefuses() throws Exception {
        assertEquals(0, drivers("add-sim", "t-set", "--set", "sampleSeed=3").exit());
        Commands.Result r = drivers("set", "t-set", "sampleSeed=7", "driftY=0");
        assertEquals(0, r.exit(), r.err());
        assertEquals("sample seed 7", driver("t-set").orElseThrow().info().serial());
        Commands.Result s = drivers("settings", "t-set");
        assertTrue(row(s.out(), "sampleSeed").contains(" 7 *"), row(s.out(), "sampleSeed"));
        assertTrue(row(s.out(), "driftY").contains(" 0.0 *"), row(s.out(), "driftY"));

        Commands.Result bad = drivers("set", "t-set", "driftY=x", "dirftZ=0");
        assertEquals(BatchCommand.USAGE, bad.exit());
        assertTrue(bad.err().contains("'driftY' must be a number") && bad.err().contains("did you mean driftZ"),
                bad.err());

        Commands.Result refused = drivers("set", "t-set", "bias.max=-1");
        assertEquals(BatchCommand.FAILURE, refused.exit());
        assertTrue(refused.err().contains("bias.max") && refused.err().contains("restored"), refused.err());
        InstrumentDriver d = driver("t-set").orElseThrow();
        assertEquals(State.OFFLINE, d.status().state(), d.status().reason());
        assertEquals("sample seed 7", d.info().serial());
        assertFalse(row(drivers("settings", "t-set").out(), "bias.max").contains("*"));

        assertEquals(BatchCommand.FAILURE, drivers("set", "t-nothing", "driftX=0").exit());
    }

    @Test
    void badDriverBundlesAreRefusedAndLeaveTheBundleListByteIdentical() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("bad-bundles");
        java.nio.file.Path text = dir.resolve("text.jar");
        java.nio.file.Files.writeString(text, "not a jar");
        java.nio.file.Path future = dir.resolve("future.jar");
        java.util.jar.Manifest m = new java.util.jar.Manifest();
        m.getMainAttributes().putValue("Manifest-Version", "1.0");
        m.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        m.getMainAttributes().putValue("Bundle-SymbolicName", "org.example.future");
        m.getMainAttributes().putValue("Bundle-Version", "1.0.0");
        m.getMainAttributes().putValue("Import-Package", "org.onset.instrument.api;version=\"[2.0,3)\"");
        new java.util.jar.JarOutputStream(java.nio.file.Files.newOutputStream(future), m).close();

        Commands.Result before = drivers("list", "--bundles");
        assertEquals(0, before.exit(), before.err());
        assertTrue(before.out().startsWith("Driver bundles: "), before.out());
        assertTrue(before.out().contains("org.onset.instrument.sim "), "the simulator is a built-in driver bundle:\n" + before.out());
        for (java.nio.file.Path bad : List.of(text, future, dir.resolve("absent.jar"))) {
            Commands.Result r = drivers("install", bad.toString());
            assertEquals(BatchCommand.FAILURE, r.exit(), r.out());
            assertTrue(r.err().contains("refused: ") && r.err().contains("nothing was changed"), r.err());
            assertEquals(before.out(), drivers("list", "--bundles").out(), "after " + bad);
            assertEquals(BatchCommand.FAILURE, drivers("update", bad.toString()).exit());
            assertEquals(before.out(), drivers("list", "--bundles").out(), "after update to " + bad);
        }
        assertTrue(drivers("install", future.toString()).err().contains(
                "incompatible driver API: org.example.future 1.0.0 needs org.onset.instrument.api [2.0.0,3.0.0)"));
        Commands.Result builtIn = drivers("remove", "org.onset.instrument.sim");
        assertEquals(BatchCommand.FAILURE, builtIn.exit());
        assertEquals(before.out(), drivers("list", "--bundles").out());
    }

    @Test
    void addConfiguresAnInstrumentOfAnyDriverType() throws Exception {
        Commands.Result r = drivers("add", "t-generic", "--type", "org.onset.instrument.sim", "--set", "driftX=0");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("added instrument 't-generic' of driver type org.onset.instrument.sim"), r.out());
        assertTrue(driver("t-generic").isPresent());
        // the application turns this into exit status 2 with the usage
        var unknown = assertThrows(IllegalArgumentException.class,
                () -> drivers("add", "t-generic2", "--type", "org.example.none"));
        assertTrue(unknown.getMessage().contains("no driver type 'org.example.none'"), unknown.getMessage());
    }

    @Test
    void removeUnregistersTheDriver() throws Exception {
        assertEquals(0, drivers("add-sim", "t-gone").exit());
        assertTrue(driver("t-gone").isPresent());
        Commands.Result r = drivers("remove", "t-gone");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("its driver is unregistered"), r.out());
        assertTrue(driver("t-gone").isEmpty());
        assertEquals(0, configurations("t-gone"));
        assertFalse(drivers("list").out().contains("t-gone"));
        assertEquals(BatchCommand.FAILURE, drivers("remove", "t-gone").exit());
    }

    @Test
    void listShowsConfigurationsWithoutADriverAndTheirReason() throws Exception {
        Configuration c = configAdmin().getFactoryConfiguration("org.onset.instrument.nosuchdriver", "t-orphan", "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("instrument.id", "t-orphan");
        c.update(p);
        Commands.Result list = drivers("list");
        assertTrue(list.out().contains("t-orphan  (configured, no driver service)"), list.out());
        assertTrue(list.out().contains("NO SERVICE (no installed bundle declares the settings of "
                + "'org.onset.instrument.nosuchdriver'"), list.out());
    }

    @Test
    void settingsWithoutAnIdDescribeANewSimulator() throws Exception {
        Commands.Result s = drivers("settings");
        assertEquals(0, s.exit(), s.err());
        assertTrue(row(s.out(), "driftZ").matches("\\s+driftZ\\s+5E-11\\s+5E-11\\s+m/s\\s+Drift z"), row(s.out(), "driftZ"));
        assertTrue(row(s.out(), "bias.maxRate").contains("V/s"), row(s.out(), "bias.maxRate"));
        assertEquals(1, drivers("settings", "t-nothing").exit());
    }
}
