/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.util.List;
import java.util.Locale;

import dev.faascache.benchmarks.Jmh.Results;

import org.openjdk.jmh.runner.RunnerException;

import static dev.faascache.benchmarks.Peer.CAFFEINE;
import static dev.faascache.benchmarks.Peer.CAFFEINE_SAME_THREAD;
import static dev.faascache.benchmarks.Peer.FAAS_CACHE_BYTES;
import static dev.faascache.benchmarks.Peer.FAAS_CACHE_MEASURED;
import static dev.faascache.benchmarks.Peer.SYNCHRONIZED_LRU;

/**
 * The tables of {@link IntegerEntriesBenchmark}: writes that evict against Caffeine and the
 * synchronized {@code LinkedHashMap}, and the configuration users run against the item bound
 * alone, on a small and a large cache, with the targets they are held to. The quick mode leaves
 * out what no target rests on: mixed from one thread, and the configurations from two threads.
 */
final class IntegerEntriesTables {

	static final List<String> SIZES = List.of("10000", "131072");

	static final List<Peer> WRITE_PEERS = List.of(FAAS_CACHE_MEASURED, CAFFEINE, CAFFEINE_SAME_THREAD, SYNCHRONIZED_LRU);

	private static final String ONE = "_1thread";

	private static final String TWO = "_2threads";

	private final Jmh jmh;

	private final Targets targets;

	private final String caption;

	IntegerEntriesTables(Jmh jmh, Targets targets, String caption) {
		this.jmh = jmh;
		this.targets = targets;
		this.caption = caption;
	}

	String writes() throws RunnerException {
		boolean full = this.jmh.mode() == Jmh.Mode.FULL;
		Results results = this.jmh.run(IntegerEntriesBenchmark.class,
				full ? "(put|mixed)_.*" : "(put_1thread|put_2threads|mixed_2threads)", "peer",
				Jmh.peers(WRITE_PEERS.toArray(Peer[]::new)), "items", String.join(",", SIZES));
		StringBuilder table = heading("Writes that evict, Integer keys and values, measured by the default sizer: "
				+ "put in ns per put and thread, mixed 80/20 in operations per µs, ± the 99.9% error");
		table.append("Bounds: the items shown. Put writes a key never cached before on every call; mixed reads and "
				+ "writes 80/20 over twice as many Zipf keys as the cache holds. Each ratio is the peer's throughput over "
				+ FAAS_CACHE_MEASURED.label() + "'s with as many threads.\n\n");
		table.append("| operation | items | cache | entries held | 1 thread | 2 threads | throughput vs FaasCache, "
				+ "1 thread | throughput vs FaasCache, 2 threads | hit ratio, 2 threads |\n");
		table.append("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (String items : SIZES) {
			for (Peer peer : WRITE_PEERS) {
				table.append(row(results, "put", items, peer, true, true)).append(" | |\n");
			}
			for (Peer peer : WRITE_PEERS) {
				table.append(row(results, "mixed", items, peer, false, full))
					.append(String.format(Locale.ROOT, " | %.1f%% |%n", 100 * results.hitRatio("mixed" + TWO, items, peer)));
			}
			writeTargets(results, items);
		}
		return table.append('\n').toString();
	}

	String configuration() throws RunnerException {
		boolean full = this.jmh.mode() == Jmh.Mode.FULL;
		Results results = this.jmh.run(IntegerEntriesBenchmark.class, full ? "(get|put)_.*" : "(get|put)" + ONE,
				"peer", Jmh.peers(FAAS_CACHE_MEASURED, FAAS_CACHE_BYTES), "items", String.join(",", SIZES));
		StringBuilder table = heading("The configuration users run against the item bound alone, Integer keys and "
				+ "values, measured by the default sizer: get (every read a hit) in operations per µs, put that evicts "
				+ "in ns per put and thread, ± the 99.9% error");
		table.append(String.format(Locale.ROOT, "Bounds: the items shown; for maxSize, %,d bytes, which the items "
				+ "reach first, so that both hold the same entries; a time to live of an hour.%n%n",
				IntegerEntriesBenchmark.ROOMY_BYTES));
		table.append("| operation | items | threads | " + FAAS_CACHE_MEASURED.label() + " | " + FAAS_CACHE_BYTES.label()
				+ " | entries held | throughput of maxSize + maxItems + TTL vs maxItems |\n");
		table.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (String operation : List.of("get", "put")) {
			for (String items : SIZES) {
				for (String threads : full ? List.of(ONE, TWO) : List.of(ONE)) {
					String method = operation + threads;
					Score alone = results.score(method, items, FAAS_CACHE_MEASURED);
					Score users = results.score(method, items, FAAS_CACHE_BYTES);
					boolean throughput = operation.equals("get");
					Score.Interval ratio = throughput ? users.over(alone) : alone.over(users);
					int decimals = throughput ? 1 : 0;
					table.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s | %,d | %s |%n", operation,
							Integer.parseInt(items), threads.equals(ONE) ? "1" : "2", alone.format(decimals),
							users.format(decimals),
							results.entries(method, items, FAAS_CACHE_BYTES), ratio.format()));
					if (threads.equals(ONE)) {
						this.targets.atLeast(String.format(Locale.ROOT, "%s, %,d Integer entries, 1 thread, %s ≥ 0.8× "
								+ "the throughput of %s", operation, Integer.parseInt(items), FAAS_CACHE_BYTES.label(),
								FAAS_CACHE_MEASURED.label()), ratio, 0.8);
					}
				}
			}
		}
		return table.append('\n').toString();
	}

	private void writeTargets(Results results, String items) {
		String entries = String.format(Locale.ROOT, "%,d Integer entries", Integer.parseInt(items));
		for (String threads : List.of(ONE, TWO)) {
			this.targets.atLeast(String.format(Locale.ROOT, "put that evicts, %s, %s, FaasCache (default sizer) ≥ 1× "
					+ "the throughput of %s", entries, threads.equals(ONE) ? "1 thread" : "2 threads", CAFFEINE.label()),
					results.score("put" + threads, items, CAFFEINE).over(results.score("put" + threads, items,
							FAAS_CACHE_MEASURED)), 1);
		}
		this.targets.atLeast(String.format(Locale.ROOT, "put that evicts, %s, 1 thread, FaasCache (default sizer) ≥ 0.5× "
				+ "the throughput of %s", entries, SYNCHRONIZED_LRU.label()),
				results.score("put" + ONE, items, SYNCHRONIZED_LRU).over(results.score("put" + ONE, items,
						FAAS_CACHE_MEASURED)), 0.5);
		this.targets.atLeast(String.format(Locale.ROOT, "mixed 80/20, %s, 2 threads, FaasCache (default sizer) ≥ 1× %s",
				entries, CAFFEINE.label()),
				results.score("mixed" + TWO, items, FAAS_CACHE_MEASURED).over(results.score("mixed" + TWO, items, CAFFEINE)),
				1);
	}

	/**
	 * Return a row without its last cell and closing bar: the scores at one and two threads and
	 * their ratios to FaasCache's, as throughputs; for a time per operation, FaasCache's time over
	 * the peer's.
	 */
	private static String row(Results results, String operation, String items, Peer peer, boolean time,
			boolean oneThread) {
		Score two = results.score(operation + TWO, items, peer);
		Score ours2 = results.score(operation + TWO, items, FAAS_CACHE_MEASURED);
		String one = "—";
		String ratio1 = "—";
		if (oneThread) {
			Score score1 = results.score(operation + ONE, items, peer);
			Score ours1 = results.score(operation + ONE, items, FAAS_CACHE_MEASURED);
			one = score1.format(time ? 0 : 1);
			ratio1 = (time ? ours1.over(score1) : score1.over(ours1)).format();
		}
		return String.format(Locale.ROOT, "| %s | %,d | %s | %,d | %s | %s | %s | %s", operation,
				Integer.parseInt(items), peer.label(), results.entries(operation + TWO, items, peer), one,
				two.format(time ? 0 : 1), ratio1, (time ? ours2.over(two) : two.over(ours2)).format());
	}

	private StringBuilder heading(String title) {
		return new StringBuilder("### ").append(title).append("\n\n").append(this.caption).append("\n\n");
	}

}
