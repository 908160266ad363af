/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks and prints the results as Markdown tables of ratios against the peers,
 * each measured in the same run, with the targets they are held to.
 * <pre class="code">
 * java -jar faas-cache-benchmarks/target/benchmarks.jar            # quick: under 3 minutes
 * java -jar faas-cache-benchmarks/target/benchmarks.jar --full     # more forks and iterations, and C1 only
 * java -jar faas-cache-benchmarks/target/benchmarks.jar --out results.md
 * </pre>
 * Any JMH benchmark can also be run on its own with JMH's runner:
 * {@code java -cp faas-cache-benchmarks/target/benchmarks.jar org.openjdk.jmh.Main GetBenchmark}.
 */
public final class Report {

	private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

	private final Settings settings;

	private final PrintStream out;

	private final List<String> verdicts = new ArrayList<>();

	private Report(Settings settings, PrintStream out) {
		this.settings = settings;
		this.out = out;
	}

	public static void main(String[] args) throws RunnerException, IOException, InterruptedException {
		List<String> arguments = List.of(args);
		Settings settings = arguments.contains("--full") ? Settings.FULL : Settings.QUICK;
		int out = arguments.indexOf("--out");
		Report report = new Report(settings, System.out);
		String markdown = report.run();
		System.out.println();
		System.out.println(markdown);
		if (out >= 0) {
			Files.writeString(Path.of(arguments.get(out + 1)), markdown, StandardCharsets.UTF_8);
		}
	}

	private String run() throws RunnerException, IOException, InterruptedException {
		StringBuilder markdown = new StringBuilder();
		markdown.append(String.format(Locale.ROOT, "Mode: %s (%s). JDK %s (%s), %d cores, %s.%n%n", this.settings.name,
				this.settings.describe(), System.getProperty("java.version"), System.getProperty("java.vm.name"),
				Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch")));
		markdown.append(getHits());
		markdown.append(puts());
		markdown.append(mixed());
		markdown.append(scaling());
		markdown.append(sizing(null));
		if (this.settings == Settings.FULL) {
			markdown.append(sizing(C1_ONLY));
		}
		markdown.append(StartupCost.compare(this.settings.starts));
		markdown.append("### Targets\n\n| target | measured | met |\n| --- | --- | --- |\n");
		this.verdicts.forEach((verdict) -> markdown.append(verdict).append('\n'));
		return markdown.toString();
	}

	private String getHits() throws RunnerException {
		Map<String, Double> scores = scores(run(GetBenchmark.class, ".*", null), "peer");
		StringBuilder table = new StringBuilder("### Get (hit), 10,000 entries, Zipf keys: operations per µs\n\n");
		table.append("| cache | 1 thread | 2 threads | 2 threads vs FaasCache |\n| --- | ---: | ---: | ---: |\n");
		for (Peer peer : Peer.values()) {
			double one = scores.get("getHit_1thread/" + peer);
			double two = scores.get("getHit_2threads/" + peer);
			table.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %s |%n", peer.label(), one, two,
					ratio(two, scores.get("getHit_2threads/" + Peer.FAAS_CACHE))));
		}
		double ours = scores.get("getHit_2threads/" + Peer.FAAS_CACHE);
		target("get-hit, 2 threads, FaasCache ≥ 0.5× Caffeine", ours / scores.get("getHit_2threads/" + Peer.CAFFEINE),
				0.5);
		target("get-hit, 2 threads, FaasCache ≥ 3× synchronized LinkedHashMap",
				ours / scores.get("getHit_2threads/" + Peer.SYNCHRONIZED_LRU), 3);
		return table.append('\n').toString();
	}

	private String puts() throws RunnerException {
		Map<String, Double> scores = scores(run(PutBenchmark.class, "put", null), "peer");
		Map<String, Double> sizing = scores(run(PutBenchmark.class, "sizeKeyAndValue", null, "peer", Peer.FAAS_CACHE),
				"peer");
		double sizingNanos = sizing.get("sizeKeyAndValue/" + Peer.FAAS_CACHE);
		StringBuilder table = new StringBuilder("### Put at capacity (every put evicts), 1 thread: ns per put\n\n");
		table.append("| cache | ns/put | puts per µs |\n| --- | ---: | ---: |\n");
		for (String peer : List.of("FAAS_CACHE", "CAFFEINE", "SYNCHRONIZED_LRU", "FAAS_CACHE_BYTES", "CAFFEINE_WEIGHED")) {
			double nanos = scores.get("put/" + peer);
			table.append(String.format(Locale.ROOT, "| %s | %.0f | %.1f |%n", Peer.valueOf(peer).label(), nanos,
					1000 / nanos));
		}
		table.append(String.format(Locale.ROOT, "| the deep sizer alone, on the same key and value | %.0f | |%n",
				sizingNanos));
		target("put, constant sizer, FaasCache ≥ 0.5× Caffeine throughput",
				scores.get("put/CAFFEINE") / scores.get("put/FAAS_CACHE"), 0.5);
		double overhead = scores.get("put/FAAS_CACHE_BYTES") - sizingNanos;
		this.verdicts.add(String.format(Locale.ROOT, "| put with measured sizing costs sizing + ≤ 200 ns | sizing + %.0f ns | %s |",
				overhead, (overhead <= 200) ? "yes" : "**no**"));
		return table.append('\n').toString();
	}

	private String mixed() throws RunnerException {
		Map<String, Double> scores = scores(run(MixedBenchmark.class, ".*", null), "peer");
		StringBuilder table = new StringBuilder(
				"### Mixed, 80% get / 20% put, 2 threads, 20,000 Zipf keys over 10,000 entries: operations per µs\n\n");
		table.append("| cache | ops per µs | vs FaasCache |\n| --- | ---: | ---: |\n");
		double ours = scores.get("readMostly/FAAS_CACHE");
		for (Peer peer : Peer.values()) {
			Double score = scores.get("readMostly/" + peer);
			if (score != null) {
				table.append(String.format(Locale.ROOT, "| %s | %.1f | %s |%n", peer.label(), score, ratio(score, ours)));
			}
		}
		return table.append('\n').toString();
	}

	private String scaling() throws RunnerException {
		Collection<RunResult> gets = run(ScalingBenchmark.class, "get", null);
		Collection<RunResult> puts = run(ScalingBenchmark.class, "put", null, "peer", Peer.FAAS_CACHE, Peer.CAFFEINE);
		Map<String, Double> scores = scores(Stream.concat(gets.stream(), puts.stream()).toList(), "peer", "items");
		StringBuilder table = new StringBuilder("### Scaling, 1 thread: ns per operation by entries held\n\n");
		table.append("| operation | cache | 1,000 | 100,000 | 1,000,000 | 1M vs 1K |\n| --- | --- | ---: | ---: | ---: | ---: |\n");
		for (String operation : List.of("get", "put")) {
			for (Peer peer : List.of(Peer.FAAS_CACHE, Peer.CAFFEINE, Peer.CONCURRENT_HASH_MAP)) {
				String key = operation + "/" + peer + "/";
				if (!scores.containsKey(key + "1000")) {
					continue;
				}
				double small = scores.get(key + "1000");
				double large = scores.get(key + "1000000");
				table.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.1f | %.2f× |%n", operation,
						peer.label(), small, scores.get(key + "100000"), large, large / small));
				if (peer == Peer.FAAS_CACHE) {
					this.verdicts.add(String.format(Locale.ROOT, "| %s at 1M entries ≤ 1.5× its cost at 1K | %.2f× | %s |",
							operation, large / small, (large / small <= 1.5) ? "yes" : "**no**"));
				}
			}
		}
		return table.append('\n').toString();
	}

	private String sizing(String jvmArg) throws RunnerException {
		Collection<RunResult> results = run(SizingBenchmark.class, ".*", jvmArg);
		Map<String, Double> nanos = scores(results, "shape");
		Map<String, Double> garbage = secondary(results, "gc.alloc.rate.norm", "shape");
		String compiler = (jvmArg != null) ? "C1 only (" + jvmArg + ", as Lambda's Java 17 runtime)" : "default JIT";
		StringBuilder table = new StringBuilder("### Sizing, " + compiler + ": ns and bytes allocated per value measured\n\n");
		table.append("| value | deep sizer ns | jamm ns | speed-up | deep sizer B/op | jamm B/op |\n");
		table.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
		double slowest = Double.MAX_VALUE;
		double mostGarbage = 0;
		for (ReferenceSet shape : ReferenceSet.values()) {
			double ours = nanos.get("deepSizer/" + shape);
			double jamm = nanos.get("jammMeasureDeep/" + shape);
			double ourGarbage = garbage.getOrDefault("deepSizer/" + shape, Double.NaN);
			table.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.1f× | %.0f | %.0f |%n", shape.label(), ours, jamm,
					jamm / ours, ourGarbage, garbage.getOrDefault("jammMeasureDeep/" + shape, Double.NaN)));
			slowest = Math.min(slowest, jamm / ours);
			mostGarbage = Math.max(mostGarbage, ourGarbage);
		}
		if (jvmArg == null) {
			target("sizing ≥ 5× faster than jamm on every value of the reference set (smallest speed-up)", slowest, 5);
			this.verdicts.add(String.format(Locale.ROOT, "| sizing allocates nothing per call | at most %.1f B/op | %s |",
					mostGarbage, (mostGarbage < 1) ? "yes" : "**no**"));
		}
		else {
			this.verdicts.add(String.format(Locale.ROOT, "| (C1 only) sizing faster than jamm, smallest speed-up | %.1f× | %s |",
					slowest, (slowest >= 5) ? "yes" : "**no**"));
		}
		return table.append('\n').toString();
	}

	private void target(String description, double measured, double required) {
		this.verdicts.add(String.format(Locale.ROOT, "| %s | %.2f× | %s |", description, measured,
				(measured >= required) ? "yes" : "**no**"));
	}

	private static String ratio(double score, double reference) {
		return String.format(Locale.ROOT, "%.2f×", score / reference);
	}

	/**
	 * Run the given benchmark methods of a class for every value of its parameters.
	 */
	private Collection<RunResult> run(Class<?> benchmark, String methods, String jvmArg) throws RunnerException {
		return new Runner(options(benchmark, methods, jvmArg).build()).run();
	}

	/**
	 * Run the given benchmark methods of a class for the given values of one parameter only.
	 */
	private Collection<RunResult> run(Class<?> benchmark, String methods, String jvmArg, String param, Object... values)
			throws RunnerException {
		ChainedOptionsBuilder options = options(benchmark, methods, jvmArg);
		options.param(param, Stream.of(values).map(Object::toString).toArray(String[]::new));
		return new Runner(options.build()).run();
	}

	private ChainedOptionsBuilder options(Class<?> benchmark, String methods, String jvmArg) {
		ChainedOptionsBuilder options = new OptionsBuilder().include(benchmark.getName() + "\\." + methods + "$")
			.forks(this.settings.forks)
			.warmupIterations(this.settings.warmups)
			.warmupTime(this.settings.time)
			.measurementIterations(this.settings.iterations)
			.measurementTime(this.settings.time)
			.jvmArgs("-Xms2g", "-Xmx2g")
			.shouldFailOnError(true);
		if (jvmArg != null) {
			options.jvmArgsAppend(jvmArg);
		}
		if (benchmark == SizingBenchmark.class) {
			options.addProfiler(GCProfiler.class);
		}
		return options;
	}

	/**
	 * Return the primary score of each result, by method name and the values of the given
	 * parameters, such as {@code getHit_1thread/CAFFEINE}.
	 */
	private static Map<String, Double> scores(Collection<RunResult> results, String... params) {
		Map<String, Double> scores = new TreeMap<>();
		for (RunResult result : results) {
			scores.put(key(result, params), result.getPrimaryResult().getScore());
		}
		return scores;
	}

	private static Map<String, Double> secondary(Collection<RunResult> results, String label, String... params) {
		Map<String, Double> scores = new TreeMap<>();
		for (RunResult result : results) {
			Result<?> secondary = result.getSecondaryResults().get(label);
			if (secondary != null) {
				scores.put(key(result, params), secondary.getScore());
			}
		}
		return scores;
	}

	private static String key(RunResult result, String... params) {
		String benchmark = result.getParams().getBenchmark();
		StringBuilder key = new StringBuilder(benchmark.substring(benchmark.lastIndexOf('.') + 1));
		for (String param : params) {
			key.append('/').append(result.getParams().getParam(param));
		}
		return key.toString();
	}

	private enum Settings {

		QUICK("quick", 1, 1, 2, TimeValue.milliseconds(800), 5),

		FULL("full", 2, 3, 5, TimeValue.seconds(2), 50);

		private final String name;

		private final int forks;

		private final int warmups;

		private final int iterations;

		private final TimeValue time;

		/** Starts of the application with the starter, and as many without, to compare. */
		private final int starts;

		Settings(String name, int forks, int warmups, int iterations, TimeValue time, int starts) {
			this.name = name;
			this.forks = forks;
			this.warmups = warmups;
			this.iterations = iterations;
			this.time = time;
			this.starts = starts;
		}

		String describe() {
			return String.format(Locale.ROOT, "%d fork(s), %d warm-up and %d measured iterations of %s each",
					this.forks, this.warmups, this.iterations, this.time);
		}

	}

}
