package org.onset.benchmarks.internal;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.onset.batch.BatchCommand;
import org.onset.fem.FemSolver;
import org.onset.instrument.registry.InstrumentConfigurator;
import org.onset.io.api.ImporterRegistry;
import org.onset.map.api.MapReaderService;
import org.onset.map.api.MapStoreFactory;
import org.onset.sweep.api.RecipeCodec;
import org.onset.sweep.api.SweepService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * {@code onset bench <name> [options]}: runs one benchmark (or {@code all}) and prints its figures,
 * each with its unit. Benchmarks measure; they never pass or fail on a time.
 */
@Component(service = BatchCommand.class)
public final class BenchCommand implements BatchCommand {

    /** One runnable benchmark. */
    interface Benchmark {
        String summary();

        String options();

        int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
    }

    /** What {@code onset bench all} runs: each with its defaults, together well under a few minutes. */
    static final List<String> ALL = List.of("sim", "sweep", "hdf5", "approach");

    /** DS registers the command services while the framework starts; this covers a slow machine. */
    static final long COMMAND_WAIT_MS = 10_000;

    private final Map<String, Benchmark> benchmarks = new LinkedHashMap<>();

    @Activate
    public BenchCommand(@Reference InstrumentConfigurator configurator, @Reference MapStoreFactory stores,
            @Reference(target = "(component.factory=" + SweepOverheadBenchmark.PRIVATE_SWEEPS + ")")
            ComponentFactory<SweepService> sweeps, @Reference SweepService sweepService, @Reference RecipeCodec codec,
            @Reference MapReaderService readers, @Reference ImporterRegistry importers, @Reference FemSolver femSolver,
            BundleContext context) {
        benchmarks.put("sim", new SimulatorBenchmark());
        benchmarks.put("sweep", new SweepBenchmark(() -> new SimulatedInstruments(configurator),
                new SweepOverheadBenchmark(stores, sweeps, context)));
        benchmarks.put("hdf5", new Hdf5Benchmark(stores));
        benchmarks.put("integrity", new IntegrityBenchmark(stores, readers));
        benchmarks.put("approach", new ApproachBenchmark(() -> new SimulatedInstruments(configurator), sweepService, codec));
        benchmarks.put("wdf", new WdfBenchmark(importers));
        benchmarks.put("fem", new FemSweepBenchmark(femSolver));
        benchmarks.put("demo", new DemoBenchmark(name -> command(context, name)));
    }

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "run a benchmark and print its figures (" + String.join(", ", benchmarks.keySet()) + ", all)";
    }

    @Override
    public String usage() {
        StringBuilder b = new StringBuilder("usage: onset bench <benchmark> [options]\nbenchmarks:\n");
        benchmarks.forEach((name, bench) -> b.append(String.format("  %-8s %s%n           %s%n", name, bench.summary(),
                bench.options())));
        b.append(String.format("  %-8s %s%n", "all", String.join(", ", ALL) + " one after the other, with their defaults"));
        return b.toString().stripTrailing();
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("name a benchmark: " + String.join(", ", benchmarks.keySet()) + ", all");
        }
        String name = args.get(0);
        List<String> rest = args.subList(1, args.size());
        if (name.equals("all")) {
            if (!rest.isEmpty()) {
                throw new IllegalArgumentException("'all' takes no options; run a single benchmark for bigger runs");
            }
            int worst = 0;
            for (String each : ALL) {
                out.println("== onset bench " + each);
                worst = Math.max(worst, benchmarks.get(each).run(List.of(), out, err));
                out.println();
            }
            return worst;
        }
        Benchmark bench = benchmarks.get(name);
        if (bench == null) {
            throw new IllegalArgumentException("unknown benchmark '" + name + "'; known: "
                    + String.join(", ", benchmarks.keySet()) + ", all");
        }
        return bench.run(rest, out, err);
    }

    private static BatchCommand command(BundleContext context, String name) throws InterruptedException {
        ServiceTracker<BatchCommand, BatchCommand> t = new ServiceTracker<>(context, BatchCommand.class, null);
        t.open();
        try {
            long deadline = System.currentTimeMillis() + COMMAND_WAIT_MS;
            while (true) {
                for (BatchCommand c : t.getTracked().values()) {
                    if (c.name().equals(name)) {
                        return c;
                    }
                }
                if (System.currentTimeMillis() > deadline) {
                    return null;
                }
                Thread.sleep(50);
            }
        } finally {
            t.close();
        }
    }
}
