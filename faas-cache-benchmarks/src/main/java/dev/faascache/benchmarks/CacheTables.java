/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import dev.faascache.benchmarks.Jmh.Results;

import org.openjdk.jmh.runner.RunnerException;

import static dev.faascache.benchmarks.Peer.CAFFEINE;
import static dev.faascache.benchmarks.Peer.CAFFEINE_BYTES;
import static dev.faascache.benchmarks.Peer.CAFFEINE_BYTES_SAME_THREAD;
import static dev.faascache.benchmarks.Peer.CAFFEINE_SAME_THREAD;
import static dev.faascache.benchmarks.Peer.CONCURRENT_HASH_MAP;
import static dev.faascache.benchmarks.Peer.FAAS_CACHE;
import static dev.faascache.benchmarks.Peer.FAAS_CACHE_BYTES;
import static dev.faascache.benchmarks.Peer.SYNCHRONIZED_LRU;

/**
 * The tables of the cache benchmarks, each beside the entries every peer holds and, for the mixed
 * workload, the share of reads that hit: on the JVM's defaults, on large caches, and as a Lambda
 * function's JVM runs them. Each records its targets as it goes.
 */
final class CacheTables {

	static final String SMALL = "10000";

	static final List<Peer> LARGE_PEERS = List.of(FAAS_CACHE_BYTES, CAFFEINE_BYTES, CAFFEINE_BYTES_SAME_THREAD);

	static final List<String> LARGE_SIZES = List.of("100000", "1000000");

	static final List<Peer> GET_PEERS = List.of(FAAS_CACHE, FAAS_CACHE_BYTES, CAFFEINE, CAFFEINE_SAME_THREAD,
			CAFFEINE_BYTES, CAFFEINE_BYTES_SAME_THREAD, SYNCHRONIZED_LRU, Peer.SPRING_CONCURRENT_MAP, CONCURRENT_HASH_MAP);

	static final List<Peer> LAMBDA_PEERS = List.of(FAAS_CACHE, FAAS_CACHE_BYTES, CAFFEINE, CAFFEINE_SAME_THREAD,
			CAFFEINE_BYTES_SAME_THREAD, SYNCHRONIZED_LRU);

	private final Jmh jmh;

	private final Targets targets;

	private final String caption;

	private Results gets;

	private Results puts;

	private Results mixed;

	private Results lambda;

	CacheTables(Jmh jmh, Targets targets, String caption) {
		this.jmh = jmh;
		this.targets = targets;
		this.caption = caption;
	}

	String get() throws RunnerException {
		this.gets = this.jmh.run(GetBenchmark.class, ".*");
		StringBuilder table = heading("Get (hit), 10,000 entries, Zipf keys: operations per µs, ± the 99.9% error");
		table.append("| cache | entries held | 1 thread | 2 threads | 2 threads vs FaasCache bounded alike |\n");
		table.append("| --- | ---: | ---: | ---: | ---: |\n");
		for (Peer peer : GET_PEERS) {
			Score two = this.gets.score("getHit_2threads", peer);
			table.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s |%n", peer.label(),
					this.gets.entries("GetBenchmark", peer), this.gets.score("getHit_1thread", peer).format(1), two.format(1),
					two.over(this.gets.score("getHit_2threads", peer.faasCounterpart())).format()));
		}
		for (String threads : List.of("1thread", "2threads")) {
			this.targets.atLeast("get-hit, " + threads.replace("thread", " thread") + ", FaasCache ≥ 1× " + CAFFEINE.label(),
					this.gets.score("getHit_" + threads, FAAS_CACHE).over(this.gets.score("getHit_" + threads, CAFFEINE)), 1);
		}
		Score ours = this.gets.score("getHit_2threads", FAAS_CACHE);
		this.targets.atLeast("get-hit, 2 threads, FaasCache ≥ 0.5× " + CAFFEINE_SAME_THREAD.label(),
				ours.over(this.gets.score("getHit_2threads", CAFFEINE_SAME_THREAD)), 0.5);
		this.targets.atLeast("get-hit, 2 threads, FaasCache ≥ 3× synchronized LinkedHashMap",
				ours.over(this.gets.score("getHit_2threads", SYNCHRONIZED_LRU)), 3);
		return table.append('\n').toString();
	}

	String put() throws RunnerException {
		this.puts = this.jmh.run(PutBenchmark.class, "put");
		Results sizing = this.jmh.run(PutBenchmark.class, "sizeKeyAndValue", "peer", FAAS_CACHE.name());
		Score sizer = sizing.score("sizeKeyAndValue", SMALL, FAAS_CACHE);
		StringBuilder table = heading("Put at capacity, every put evicts, 1 thread: ns per put, ± the 99.9% error");
		table.append(String.format(Locale.ROOT, "Bounds: %,d items; %,d bytes for the peers bounded by bytes.%n%n",
				Integer.parseInt(SMALL), Workload.bytesFor(Integer.parseInt(SMALL))));
		table.append("| cache | entries held | ns per put | throughput vs FaasCache bounded alike |\n");
		table.append("| --- | ---: | ---: | ---: |\n");
		for (Peer peer : List.of(FAAS_CACHE, CAFFEINE, CAFFEINE_SAME_THREAD, SYNCHRONIZED_LRU, FAAS_CACHE_BYTES,
				CAFFEINE_BYTES, CAFFEINE_BYTES_SAME_THREAD, Peer.CAFFEINE_JAMM)) {
			table.append(timeRow(this.puts, "put", SMALL, peer));
		}
		table.append(String.format(Locale.ROOT, "| the deep sizer alone, on the same key and value | | %s | |%n",
				sizer.format(0)));
		Score ours = this.puts.score("put", SMALL, FAAS_CACHE);
		for (Peer caffeine : List.of(CAFFEINE, CAFFEINE_SAME_THREAD)) {
			this.targets.atLeast("put, entry bound, FaasCache ≥ 0.5× the throughput of " + caffeine.label(),
					this.puts.score("put", SMALL, caffeine).over(ours), 0.5);
		}
		this.targets.atMost("put with measured sizing costs sizing + ≤ 200 ns",
				this.puts.score("put", SMALL, FAAS_CACHE_BYTES).minus(sizer), 200, "ns over the sizing");
		return table.append('\n').toString();
	}

	String mixed() throws RunnerException {
		this.mixed = this.jmh.run(MixedBenchmark.class, ".*");
		StringBuilder table = heading("Mixed, 80% get / 20% put, 2 threads, 20,000 Zipf keys over 10,000 items: "
				+ "operations per µs, ± the 99.9% error");
		table.append(throughputHeader());
		for (Peer peer : List.of(FAAS_CACHE, CAFFEINE, CAFFEINE_SAME_THREAD, SYNCHRONIZED_LRU, FAAS_CACHE_BYTES,
				CAFFEINE_BYTES, CAFFEINE_BYTES_SAME_THREAD)) {
			table.append(mixedRow(this.mixed, SMALL, peer));
		}
		return table.append('\n').toString();
	}

	String large() throws RunnerException {
		String peers = Jmh.peers(LARGE_PEERS.toArray(Peer[]::new));
		String sizes = String.join(",", LARGE_SIZES);
		Results puts = this.jmh.run(PutBenchmark.class, "put", "peer", peers, "items", sizes);
		Results mixed = this.jmh.run(MixedBenchmark.class, ".*", "peer", peers, "items", sizes);
		StringBuilder table = heading("Large caches, bounded by bytes, items and time, every entry measured: "
				+ "put (1 thread, ns per put) and mixed (2 threads, operations per µs), ± the 99.9% error");
		table.append(String.format(Locale.ROOT, "Bounds: the items shown and %,d bytes per item.%n%n",
				Workload.BYTES_PER_ITEM));
		table.append("| operation | items | cache | entries held | score | throughput vs FaasCache | hit ratio |\n");
		table.append("| --- | ---: | --- | ---: | ---: | ---: | ---: |\n");
		for (String items : LARGE_SIZES) {
			for (Peer peer : LARGE_PEERS) {
				table.append(String.format(Locale.ROOT, "| put | %,d %s", Integer.parseInt(items),
						timeRow(puts, "put", items, peer)).replace("|\n", "| |\n"));
			}
			for (Peer peer : LARGE_PEERS) {
				table.append(String.format(Locale.ROOT, "| mixed | %,d %s", Integer.parseInt(items),
						mixedRow(mixed, items, peer)));
			}
		}
		if (this.puts != null) {
			this.targets.atMost("put, bytes + TTL, at 1,000,000 items ≤ 1.5× its cost at 10,000",
					puts.score("put", "1000000", FAAS_CACHE_BYTES).over(this.puts.score("put", SMALL, FAAS_CACHE_BYTES)),
					1.5);
		}
		return table.append('\n').toString();
	}

	String scaling() throws RunnerException {
		Results gets = this.jmh.run(ScalingBenchmark.class, "get");
		StringBuilder table = heading("Scaling of reads, 1 thread: ns per get that hits, by entries held, ± the 99.9% error");
		table.append("| cache | 1,000 | 100,000 | 1,000,000 | 1M vs 1K | time per get at 1M vs " + CAFFEINE.label()
				+ " |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
		Score caffeine = gets.score("get", 1000000, CAFFEINE);
		for (Peer peer : List.of(FAAS_CACHE, CAFFEINE, CAFFEINE_SAME_THREAD, CONCURRENT_HASH_MAP)) {
			Score small = gets.score("get", 1000, peer);
			Score large = gets.score("get", 1000000, peer);
			table.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", peer.label(), small.format(1),
					gets.score("get", 100000, peer).format(1), large.format(1), large.over(small).format(),
					large.over(caffeine).format()));
		}
		this.targets.atMost("get at 1M entries ≤ 1.5× its cost at 1K",
				gets.score("get", 1000000, FAAS_CACHE).over(gets.score("get", 1000, FAAS_CACHE)), 1.5);
		this.targets.atMost("get at 1M entries, FaasCache's time ≤ 1.1× the time of " + CAFFEINE.label(),
				gets.score("get", 1000000, FAAS_CACHE).over(caffeine), 1.1);
		return table.append('\n').toString();
	}

	String lambda() throws RunnerException {
		String peers = Jmh.peers(LAMBDA_PEERS.toArray(Peer[]::new));
		Results gets = this.jmh.runAsLambda(GetBenchmark.class, "getHit_1thread", "peer", peers);
		Results puts = this.jmh.runAsLambda(PutBenchmark.class, "put", "peer", peers);
		this.lambda = this.jmh.runAsLambda(MixedBenchmark.class, ".*", "peer", peers);
		StringBuilder table = heading("As on Lambda: " + String.join(" ", Jmh.LAMBDA_JVM)
				+ (this.jmh.lambdaPinned() ? ", pinned to one core (taskset -c 0)" : "")
				+ ", 1 thread; get (every read a hit) and mixed in operations per µs, put in ns, ± the 99.9% error");
		table.append("| operation | cache | entries held | score | throughput vs FaasCache bounded alike | hit ratio |\n");
		table.append("| --- | --- | ---: | ---: | ---: | ---: |\n");
		for (Peer peer : LAMBDA_PEERS) {
			Score score = gets.score("getHit_1thread", peer);
			table.append(String.format(Locale.ROOT, "| get (hit) | %s | %,d | %s | %s | |%n", peer.label(),
					gets.entries("GetBenchmark", peer), score.format(1),
					score.over(gets.score("getHit_1thread", peer.faasCounterpart())).format()));
		}
		for (Peer peer : LAMBDA_PEERS) {
			table.append("| put ").append(timeRow(puts, "put", SMALL, peer).replace("|\n", "| |\n"));
		}
		for (Peer peer : LAMBDA_PEERS) {
			table.append("| mixed ").append(mixedRow(this.lambda, SMALL, peer));
		}
		for (Peer caffeine : List.of(CAFFEINE, CAFFEINE_SAME_THREAD)) {
			this.targets.atLeast("(Lambda) get-hit, FaasCache ≥ 0.5× " + caffeine.label(),
					gets.score("getHit_1thread", FAAS_CACHE).over(gets.score("getHit_1thread", caffeine)), 0.5);
			this.targets.atLeast("(Lambda) put, entry bound, FaasCache ≥ 0.5× the throughput of " + caffeine.label(),
					puts.score("put", SMALL, caffeine).over(puts.score("put", SMALL, FAAS_CACHE)), 0.5);
		}
		return table.append('\n').toString();
	}

	/**
	 * Return README's summary: FaasCache against Caffeine, configured alike, and the synchronized
	 * {@code LinkedHashMap}, from the tables already run.
	 */
	String performance() {
		StringBuilder table = new StringBuilder("| | FaasCache | Caffeine, same-thread executor | Caffeine, default executor | synchronized `LinkedHashMap` |\n");
		table.append("|---|---:|---:|---:|---:|\n");
		table.append(summary("get that hits, 2 threads (ops/µs)", (peer) -> this.gets.score("getHit_2threads", peer).format(1),
				FAAS_CACHE, CAFFEINE_SAME_THREAD, CAFFEINE, SYNCHRONIZED_LRU));
		table.append(summary("put that evicts, by entries (ns)", (peer) -> this.puts.score("put", SMALL, peer).format(0),
				FAAS_CACHE, CAFFEINE_SAME_THREAD, CAFFEINE, SYNCHRONIZED_LRU));
		table.append(summary("put that evicts, by bytes, deep sizer + TTL (ns; entries the same budget held)",
				(peer) -> String.format(Locale.ROOT, "%s; %,d", this.puts.score("put", SMALL, peer).format(0),
						this.puts.entries("PutBenchmark", SMALL, peer)),
				FAAS_CACHE_BYTES, CAFFEINE_BYTES_SAME_THREAD, CAFFEINE_BYTES, null));
		table.append(summary("mixed 80/20, 2 threads (ops/µs; hit ratio)", (peer) -> mixedCell(this.mixed, peer),
				FAAS_CACHE, CAFFEINE_SAME_THREAD, CAFFEINE, SYNCHRONIZED_LRU));
		table.append(summary("mixed 80/20 as on Lambda, 1 thread (ops/µs; hit ratio)",
				(peer) -> mixedCell(this.lambda, peer), FAAS_CACHE, CAFFEINE_SAME_THREAD, CAFFEINE, SYNCHRONIZED_LRU));
		return table.toString();
	}

	private static String mixedCell(Results results, Peer peer) {
		return String.format(Locale.ROOT, "%s; %.1f%%", results.score("readMostly", SMALL, peer).format(1),
				100 * results.hitRatio("readMostly", SMALL, peer));
	}

	private static String summary(String operation, Function<Peer, String> cell, Peer... peers) {
		StringBuilder row = new StringBuilder("| ").append(operation);
		for (Peer peer : peers) {
			row.append(" | ").append((peer != null) ? cell.apply(peer) : "—");
		}
		return row.append(" |\n").toString();
	}

	private StringBuilder heading(String title) {
		return new StringBuilder("### ").append(title).append("\n\n").append(this.caption).append("\n\n");
	}

	private static String throughputHeader() {
		return "| cache | entries held | ops per µs | vs FaasCache bounded alike | hit ratio |\n"
				+ "| --- | ---: | ---: | ---: | ---: |\n";
	}

	/** A row of a benchmark measured in time per operation: the FaasCache peer's time over this one's. */
	private String timeRow(Results results, String method, String items, Peer peer) {
		Score score = results.score(method, items, peer);
		return String.format(Locale.ROOT, "| %s | %,d | %s | %s |%n", peer.label(),
				results.entries("PutBenchmark", items, peer),
				score.format(0), results.score(method, items, peer.faasCounterpart()).over(score).format());
	}

	private String mixedRow(Results results, String items, Peer peer) {
		Score score = results.score("readMostly", items, peer);
		return String.format(Locale.ROOT, "| %s | %,d | %s | %s | %.1f%% |%n", peer.label(),
				results.entries("MixedBenchmark", items, peer),
				score.format(1), score.over(results.score("readMostly", items, peer.faasCounterpart())).format(),
				100 * results.hitRatio("readMostly", items, peer));
	}

}
