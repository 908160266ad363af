/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.LongPredicate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.faascache.FaasCache;

/**
 * The share of requests each cache serves from memory, replayed from one thread as a Lambda
 * function makes them, each miss followed by a put of the loaded value (cache-aside): FaasCache
 * and a {@code LinkedHashMap} in access order, which both evict the least recently used entry,
 * against Caffeine, whose W-TinyLFU admits an entry only if it is used more often than the one it
 * would evict. Not JMH: the numbers count hits, not time, and the same seed gives the same
 * requests, and the same hit ratios but for Caffeine's (see {@link #CAFFEINE_RUNS}).
 * <pre class="code">
 * java -cp faas-cache-benchmarks/target/benchmarks.jar dev.faascache.benchmarks.HitRatioSimulation
 * java -cp faas-cache-benchmarks/target/benchmarks.jar dev.faascache.benchmarks.HitRatioSimulation \
 *     --traces /path/to/lirs/traces --update .
 * </pre>
 * {@code --traces} names a directory of traces in the LIRS format (one key per line, as a number;
 * other lines are skipped), plain or gzipped, such as those of Caffeine's simulator
 * ({@code simulator/src/main/resources/com/github/benmanes/caffeine/cache/simulator/parser/lirs}
 * in its repository); {@code --update} writes the tables into docs/benchmarks.md.
 */
public final class HitRatioSimulation {

	/** Keys of the synthetic workloads. */
	static final int KEYS = 100_000;

	/** Requests of the synthetic workloads, scans aside. */
	static final int REQUESTS = 2_000_000;

	/** Cache sizes of the synthetic workloads, in entries. */
	static final List<Integer> SIZES = List.of(1_000, 5_000, 10_000, 25_000);

	/** Cache sizes of a trace, as shares of the distinct keys it requests. */
	static final List<Double> TRACE_SHARES = List.of(0.05, 0.1, 0.25, 0.5);

	/** The LIRS traces simulated when present, in this order. */
	static final List<String> TRACES = List.of("multi1", "multi2", "sprite", "loop", "2_pools", "gli", "ps", "cs");

	private static final long SEED = 42;

	/**
	 * Replays on Caffeine of each sequence: its admission draws on {@code ThreadLocalRandom} to
	 * resist hash flooding, so its hit ratio varies a little from run to run.
	 */
	static final int CAFFEINE_RUNS = 3;

	private HitRatioSimulation() {
	}

	public static void main(String[] args) throws IOException {
		List<String> arguments = List.of(args);
		String traces = Report.option(arguments, "--traces");
		StringBuilder tables = new StringBuilder();
		String command = "java -cp faas-cache-benchmarks/target/benchmarks.jar " + HitRatioSimulation.class.getName()
				+ ((traces != null) ? " --traces <caffeine>/" + Traces.LIRS_DIRECTORY : "");
		String caption = RunInfo.of(command, null).caption();
		tables.append(synthetic("Zipf 0.8", Workloads.zipf(0.8, SEED), caption));
		tables.append(synthetic("Zipf 0.99", Workloads.zipf(0.99, SEED), caption));
		tables.append(synthetic("Zipf 0.99 with a scan of " + String.format(Locale.ROOT, "%,d", Workloads.SCAN)
				+ " keys never seen before every " + String.format(Locale.ROOT, "%,d", Workloads.SCAN_EVERY)
				+ " requests", Workloads.zipfWithScans(0.99, SEED), caption));
		if (traces != null) {
			for (Map.Entry<String, long[]> trace : Traces.read(Path.of(traces), TRACES).entrySet()) {
				tables.append(trace(trace.getKey(), trace.getValue(), caption));
			}
		}
		System.out.println(tables);
		String out = Report.option(arguments, "--out");
		if (out != null) {
			Files.writeString(Path.of(out), tables, StandardCharsets.UTF_8);
		}
		String update = Report.option(arguments, "--update");
		if (update != null) {
			MarkdownBlocks.replace(Path.of(update).resolve("docs/benchmarks.md"), "hit-ratio", tables.toString());
		}
	}

	private static String synthetic(String name, long[] requests, String caption) {
		return table(String.format(Locale.ROOT, "%s, %,d keys, %,d requests", name, KEYS, requests.length), requests,
				SIZES, caption);
	}

	private static String trace(String name, long[] requests, String caption) {
		long distinct = Arrays.stream(requests).distinct().count();
		List<Integer> sizes = new ArrayList<>();
		for (double share : TRACE_SHARES) {
			sizes.add((int) Math.max(1, Math.round(distinct * share)));
		}
		return table(String.format(Locale.ROOT, "LIRS trace %s, %,d distinct keys, %,d requests", name, distinct,
				requests.length), requests, sizes, caption);
	}

	private static String table(String title, long[] requests, List<Integer> sizes, String caption) {
		StringBuilder table = new StringBuilder("### ").append(title).append("\n\n").append(caption).append("\n\n");
		table.append(String.format(Locale.ROOT,
				"| entries | FaasCache | Caffeine, mean of %d runs (lowest–highest) | LinkedHashMap LRU | FaasCache − Caffeine |%n",
				CAFFEINE_RUNS));
		table.append("| ---: | ---: | ---: | ---: | ---: |\n");
		for (int size : sizes) {
			double faas = hitRatio(faasCache(size), requests);
			double[] caffeine = new double[CAFFEINE_RUNS];
			for (int run = 0; run < CAFFEINE_RUNS; run++) {
				caffeine[run] = hitRatio(caffeine(size), requests);
			}
			double mean = Arrays.stream(caffeine).average().orElseThrow();
			double lru = hitRatio(linkedHashMap(size), requests);
			table.append(String.format(Locale.ROOT, "| %,d | %.2f%% | %.2f%% (%.2f–%.2f) | %.2f%% | %+.2f points |%n",
					size, 100 * faas, 100 * mean, 100 * Arrays.stream(caffeine).min().orElseThrow(),
					100 * Arrays.stream(caffeine).max().orElseThrow(), 100 * lru, 100 * (faas - mean)));
		}
		return table.append('\n').toString();
	}

	/**
	 * Return the share of requests that hit, a miss being followed by a put.
	 * @param cache tells whether a key was cached, and caches it if not
	 */
	static double hitRatio(LongPredicate cache, long[] requests) {
		long hits = 0;
		for (long key : requests) {
			if (cache.test(key)) {
				hits++;
			}
		}
		return (double) hits / requests.length;
	}

	static LongPredicate faasCache(int size) {
		FaasCache<Long, Boolean> cache = FaasCache.<Long, Boolean>builder()
			.maxItems(size)
			.sizer(Peer.CONSTANT_SIZER)
			.build();
		return cacheAside(cache::get, cache::put);
	}

	static LongPredicate caffeine(int size) {
		// the caller's thread, so that every replay happens at the same point of the sequence
		Cache<Long, Boolean> cache = Caffeine.newBuilder().maximumSize(size).executor(Runnable::run).build();
		return cacheAside(cache::getIfPresent, cache::put);
	}

	static LongPredicate linkedHashMap(int size) {
		Map<Long, Boolean> map = Peer.lruMap(size);
		return cacheAside(map::get, map::put);
	}

	private static LongPredicate cacheAside(Function<Long, Boolean> get, BiConsumer<Long, Boolean> put) {
		return (key) -> {
			if (get.apply(key) != null) {
				return true;
			}
			put.accept(key, Boolean.TRUE);
			return false;
		};
	}

}
