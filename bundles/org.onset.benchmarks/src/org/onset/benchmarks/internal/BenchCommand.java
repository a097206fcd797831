package org.onset.benchmarks.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.onset.batch.BatchCommand;
import org.osgi.service.component.annotations.Component;

/**
 * {@code onset bench <name> [options]}: runs one benchmark and prints its figures, each with its
 * unit. Benchmarks measure; they never pass or fail on a time.
 */
@Component(service = BatchCommand.class)
public final class BenchCommand implements BatchCommand {

    /** One runnable benchmark. */
    interface Benchmark {
        String summary();

        String options();

        int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
    }

    private final Map<String, Benchmark> benchmarks = new TreeMap<>(Map.of("sim", new SimulatorBenchmark()));

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "run a benchmark and print its figures (" + String.join(", ", benchmarks.keySet()) + ")";
    }

    @Override
    public String usage() {
        StringBuilder b = new StringBuilder("usage: onset bench <benchmark> [options]\nbenchmarks:\n");
        benchmarks.forEach((name, bench) -> b.append(String.format("  %-6s %s%n         %s%n", name, bench.summary(),
                bench.options())));
        return b.toString().stripTrailing();
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("name a benchmark: " + String.join(", ", benchmarks.keySet()));
        }
        Benchmark bench = benchmarks.get(args.get(0));
        if (bench == null) {
            throw new IllegalArgumentException("unknown benchmark '" + args.get(0) + "'; known: "
                    + String.join(", ", benchmarks.keySet()));
        }
        return bench.run(args.subList(1, args.size()), out, err);
    }
}
