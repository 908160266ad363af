/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
 * Runs JMH benchmarks in forked JVMs with the settings of a mode, on the JVM's defaults or as a
 * Lambda function's JVM runs, and returns their results by method and parameters.
 */
final class Jmh {

	/**
	 * The JVM options of a Lambda function on Java 17 with less than 1,769 MB of memory: the serial
	 * collector, C1 only, and one processor.
	 */
	static final List<String> LAMBDA_JVM = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
			"-XX:ActiveProcessorCount=1");

	/**
	 * The heap every fork runs with, its pages touched before the first benchmark: without
	 * {@code -XX:+AlwaysPreTouch}, a benchmark that allocates on every call runs up to four times
	 * slower while the young generation first grows into memory the kernel has not yet handed
	 * out, and then fast once the collector reuses it, which made one iteration differ from the
	 * next by more than the peers differ from each other.
	 */
	static final List<String> HEAP = List.of("-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch");

	private final Mode mode;

	private Optional<Path> pinnedJava;

	Jmh(Mode mode) {
		this.mode = mode;
	}

	Mode mode() {
		return this.mode;
	}

	/**
	 * Run the given methods of a benchmark class on the JVM's defaults, for every value of its
	 * parameters, or only the values given for some of them.
	 * @param params parameter names and their values, alternately
	 */
	Results run(Class<?> benchmark, String methods, String... params) throws RunnerException {
		return run(options(benchmark, methods, params), List.of());
	}

	/**
	 * Run the given methods of a benchmark class from one thread in JVMs set up as a Lambda
	 * function's ({@link #LAMBDA_JVM}), pinned to one core where {@code taskset} is available.
	 * @param params parameter names and their values, alternately
	 */
	Results runAsLambda(Class<?> benchmark, String methods, String... params) throws RunnerException {
		ChainedOptionsBuilder options = options(benchmark, methods, params).threads(1);
		pinnedJava().ifPresent((java) -> options.jvm(java.toString()));
		return run(options, LAMBDA_JVM);
	}

	/**
	 * Return whether the Lambda runs are pinned to one core.
	 */
	boolean lambdaPinned() {
		return pinnedJava().isPresent();
	}

	/**
	 * Run the given methods of a benchmark class with the JVM option given, or on the defaults,
	 * with GC profiling, which reports the bytes allocated per operation.
	 */
	Results runWithAllocation(Class<?> benchmark, String methods, String jvmArg) throws RunnerException {
		ChainedOptionsBuilder options = options(benchmark, methods).addProfiler(GCProfiler.class);
		return run(options, (jvmArg != null) ? List.of(jvmArg) : List.of());
	}

	/**
	 * Run the benchmarks with the given JVM options besides the heap's, their forks recording the
	 * entries each peer held in a file of their own.
	 */
	private static Results run(ChainedOptionsBuilder options, List<String> jvmArgs) throws RunnerException {
		try {
			Path entries = Files.createTempFile("entries", ".txt");
			try {
				List<String> appended = new ArrayList<>(jvmArgs);
				appended.add("-D" + Occupancy.PROPERTY + "=" + entries);
				// set once: each call of jvmArgsAppend replaces what an earlier one gave
				options.jvmArgsAppend(appended.toArray(String[]::new));
				Collection<RunResult> results = new Runner(options.build()).run();
				return new Results(results, Occupancy.read(entries));
			}
			finally {
				Files.deleteIfExists(entries);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private ChainedOptionsBuilder options(Class<?> benchmark, String methods, String... params) {
		ChainedOptionsBuilder options = new OptionsBuilder().include(benchmark.getName() + "\\." + methods + "$")
			.forks(this.mode.forks)
			.warmupIterations(this.mode.warmups)
			.warmupTime(this.mode.warmupTime)
			.measurementIterations(this.mode.iterations)
			.measurementTime(this.mode.time)
			.jvmArgs(HEAP.toArray(String[]::new))
			.shouldFailOnError(true);
		for (int i = 0; i < params.length; i += 2) {
			options.param(params[i], params[i + 1].split(","));
		}
		return options;
	}

	/**
	 * Return a launcher that runs this JVM's {@code java} on the first core only, made once, or
	 * nothing where {@code taskset} is not on the path.
	 */
	private Optional<Path> pinnedJava() {
		if (this.pinnedJava == null) {
			this.pinnedJava = findOnPath("taskset").map((taskset) -> {
				Path java = Path.of(System.getProperty("java.home"), "bin", "java");
				try {
					Path script = Files.createTempFile("java-one-core", ".sh",
							PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
					script.toFile().deleteOnExit();
					Files.writeString(script, String.format("#!/bin/sh%nexec '%s' -c 0 '%s' \"$@\"%n", taskset, java),
							StandardCharsets.UTF_8);
					return script;
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		return this.pinnedJava;
	}

	private static Optional<Path> findOnPath(String command) {
		return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.map((directory) -> Path.of(directory, command))
			.filter(Files::isExecutable)
			.findFirst();
	}

	/**
	 * Join the names of peers, as the value of the {@code peer} parameter.
	 */
	static String peers(Peer... peers) {
		return String.join(",", Stream.of(peers).map(Peer::name).toList());
	}

	/**
	 * The results of one run, by the method's name followed by the values of its parameters in
	 * the order of their names, such as {@code put/10000/CAFFEINE} for {@code items} and
	 * {@code peer}.
	 */
	static final class Results {

		private final Map<String, RunResult> results = new TreeMap<>();

		private final Map<String, Long> entries;

		Results(Collection<RunResult> results, Map<String, Long> entries) {
			this.entries = entries;
			for (RunResult result : results) {
				String benchmark = result.getParams().getBenchmark();
				StringBuilder key = new StringBuilder(benchmark.substring(benchmark.lastIndexOf('.') + 1));
				for (String param : result.getParams().getParamsKeys()) {
					key.append('/').append(result.getParams().getParam(param));
				}
				this.results.put(key.toString(), result);
			}
		}

		/**
		 * Return the primary score of the run with the given key.
		 * @throws IllegalArgumentException if nothing ran under that key
		 */
		Score score(Object... key) {
			return Score.of(get(key).getPrimaryResult());
		}

		/**
		 * Return a secondary score of the run with the given key, such as
		 * {@code gc.alloc.rate.norm}.
		 * @throws IllegalArgumentException if nothing ran under that key or it has no such result
		 */
		Score secondary(String label, Object... key) {
			Result<?> result = get(key).getSecondaryResults().get(label);
			if (result == null) {
				throw new IllegalArgumentException("No " + label + " in " + Arrays.toString(key));
			}
			return Score.of(result);
		}

		/**
		 * Return the share of reads that hit in the run with the given key, from its
		 * {@link HitCounter}.
		 */
		double hitRatio(Object... key) {
			double hits = secondary("hits", key).value();
			return hits / (hits + secondary("misses", key).value());
		}

		/**
		 * Return the entries the peer held at the end of its measurement, by the benchmark's class
		 * name and the values of its parameters in the order of their names.
		 * @throws IllegalArgumentException if none were recorded under that key
		 */
		long entries(Object... key) {
			String joined = String.join("/", Stream.of(key).map(String::valueOf).toList());
			Long held = this.entries.get(joined);
			if (held == null) {
				throw new IllegalArgumentException("No entries recorded for " + joined + " among " + this.entries.keySet());
			}
			return held;
		}

		private RunResult get(Object... key) {
			String joined = String.join("/", Stream.of(key).map(String::valueOf).toList());
			RunResult result = this.results.get(joined);
			if (result == null) {
				throw new IllegalArgumentException("No result for " + joined + " among " + this.results.keySet());
			}
			return result;
		}

	}

	/**
	 * How long to measure.
	 */
	enum Mode {

		QUICK("quick", 1, 1, TimeValue.milliseconds(500), 5, TimeValue.milliseconds(300), 5),

		FULL("full", 2, 3, TimeValue.seconds(1), 5, TimeValue.seconds(1), 50);

		private final String name;

		private final int forks;

		private final int warmups;

		private final TimeValue warmupTime;

		private final int iterations;

		private final TimeValue time;

		/** Starts of the application with the starter, and as many without, to compare. */
		final int starts;

		Mode(String name, int forks, int warmups, TimeValue warmupTime, int iterations, TimeValue time, int starts) {
			this.name = name;
			this.forks = forks;
			this.warmups = warmups;
			this.warmupTime = warmupTime;
			this.iterations = iterations;
			this.time = time;
			this.starts = starts;
		}

		String describe() {
			return String.format(Locale.ROOT,
					"%s: %d fork(s) of %d warm-up iteration(s) of %s and %d measured iterations of %s per benchmark, "
							+ "%d pairs of application starts",
					this.name, this.forks, this.warmups, this.warmupTime, this.iterations, this.time, this.starts);
		}

	}

}
