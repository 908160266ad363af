/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.faascache.Ticker;
import dev.faascache.demo.local.LocalRuntimeApi.InvocationResult;

/**
 * Runs the Lambda jar as Lambda runs it, a few products over and over, and prints what each
 * invocation cost: the jar is started in a child JVM with Lambda's settings by AWS's runtime
 * interface client ({@link LocalLambda}), which polls a {@link LocalRuntimeApi} on a loopback port
 * for the events. It prints the initialisation time, each invocation (hit or miss, latency), the
 * table of the caches the function logs when its environment shuts down, and then the same run
 * with Spring's simple cache in place of the starter ({@code spring.cache.type=simple}), so that
 * the starter's share of the initialisation shows. One start of each varies by more than that
 * share, so {@code --starts=N} then starts each variant N more times, in pairs, and compares the
 * initialisation times pair by pair.
 */
public final class Simulation {

	/**
	 * Command line option that asks for the simulation, with the number of invocations.
	 */
	public static final String OPTION = "simulate";

	/**
	 * Command line option with the function's memory in MB, as in {@code template.yaml}.
	 */
	public static final String MEMORY_OPTION = "memory";

	/**
	 * Command line option with the number of paired cold starts that compare the initialisation
	 * with the starter and with Spring's simple cache.
	 */
	public static final String STARTS_OPTION = "starts";

	private static final int DEFAULT_INVOCATIONS = 10;

	private static final int DEFAULT_STARTS = 10;

	private static final int DEFAULT_MEMORY = 512;

	/**
	 * Distinct products requested in turn: the first request of each misses, the others hit.
	 */
	private static final int PRODUCTS = 3;

	private static final Duration INVOCATION_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

	private static final Pattern OUTCOME = Pattern.compile("Product (\\S+) (answered by the cache|fetched from the catalog)$");

	static final String STARTER = "faas-cache starter";

	static final String SIMPLE = "spring.cache.type=simple";

	static final Map<String, String> SIMPLE_CACHE = Map.of("SPRING_CACHE_TYPE", "simple");

	static final Duration INIT_TIMEOUT = Duration.ofMinutes(2);

	private static final String ROW = "%10s  %-7s  %-5s  %10s%n";

	private static final String SUMMARY_ROW = "%-24s  %9s  %5s  %8s  %8s  %6s  %9s  %9s%n";

	private final FunctionSettings settings;

	private final Ticker ticker;

	private final PrintStream out;

	/**
	 * Create a simulation.
	 * @param settings the function's jar, runtime, memory, and the properties to add
	 * @param ticker the time source
	 * @param out where to print
	 */
	public Simulation(FunctionSettings settings, Ticker ticker, PrintStream out) {
		this.settings = settings;
		this.ticker = ticker;
		this.out = out;
	}

	/**
	 * Run the simulation that {@code --simulate[=N]} asks for, on the jar this class was loaded
	 * from, with the runtime client the build copied beside it; {@code --memory=MB} sets the
	 * function's memory, {@code --starts[=N]} adds N paired cold starts of each variant (10 when
	 * no N is given), and every other {@code --name=value} option becomes a property of the
	 * function.
	 * @param options the command line options, by name
	 * @param out where to print
	 * @throws IOException if the Runtime API or the function cannot be started
	 * @throws IllegalArgumentException if an option is malformed, or this class was not loaded
	 * from a jar
	 * @throws IllegalStateException if the system is not Linux, where alone the runtime client runs,
	 * or the function failed to initialise or to answer
	 */
	public static void run(Map<String, List<String>> options, PrintStream out) throws IOException {
		int invocations = positive(OPTION, options.getOrDefault(OPTION, List.of()), DEFAULT_INVOCATIONS, "10");
		int memory = positive(MEMORY_OPTION, options.getOrDefault(MEMORY_OPTION, List.of()), DEFAULT_MEMORY, "512");
		if (memory < FunctionSettings.MIN_MEMORY || memory > FunctionSettings.MAX_MEMORY) {
			throw new IllegalArgumentException("--" + MEMORY_OPTION + " takes " + FunctionSettings.MIN_MEMORY + " to "
					+ FunctionSettings.MAX_MEMORY + " (MB, as Lambda does), but was " + memory);
		}
		int starts = options.containsKey(STARTS_OPTION)
				? positive(STARTS_OPTION, options.get(STARTS_OPTION), DEFAULT_STARTS, "10") : 0;
		Map<String, String> properties = new LinkedHashMap<>();
		options.forEach((name, values) -> {
			if (!List.of(OPTION, MEMORY_OPTION, STARTS_OPTION).contains(name) && !values.isEmpty()) {
				properties.put(name, values.get(values.size() - 1));
			}
		});
		requireLinux(System.getProperty("os.name"));
		Path jar = functionJar();
		FunctionSettings settings = new FunctionSettings(jar, jar.resolveSibling("lambda-runtime"), memory,
				Map.of(), properties);
		Simulation simulation = new Simulation(settings, Ticker.systemTicker(), out);
		simulation.run(invocations);
		if (starts > 0) {
			new ColdStarts(settings, Ticker.systemTicker(), out).compare(starts, new SecureRandom().nextLong());
		}
	}

	/**
	 * Return the number that an option asks for.
	 * @param option the option's name
	 * @param values the option's values; empty when it was given without one
	 * @param defaultValue the number when no value is given
	 * @param example a value to show in the error message
	 * @return the number
	 * @throws IllegalArgumentException if the value is not a positive whole number
	 */
	static int positive(String option, List<String> values, int defaultValue, String example) {
		if (values.isEmpty() || values.get(0).isBlank()) {
			return defaultValue;
		}
		String value = values.get(0).trim();
		try {
			int number = Integer.parseInt(value);
			if (number > 0) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below, with what is accepted
		}
		throw new IllegalArgumentException("--" + option + " takes a positive whole number, such as --" + option + "="
				+ example + ", but was '" + value + "'");
	}

	/**
	 * Invoke the function the given number of times with the starter, print each invocation and
	 * the caches, then do the same with Spring's simple cache and compare.
	 * @param invocations how many times to invoke the function in each run
	 * @throws IOException if the Runtime API or the function cannot be started
	 */
	public void run(int invocations) throws IOException {
		FunctionSettings lambda = this.settings;
		this.out.printf(Locale.ROOT, "%s on a %d MB function (heap %s, %s), started by AWS's runtime interface client%n%n",
				lambda.functionJar().getFileName(), lambda.memoryMegabytes(), lambda.heap(),
				String.join(" ", lambda.jvmOptions().subList(1, 3)));
		Run starter = run(STARTER, Map.of(), invocations, true);
		this.out.println();
		starter.cacheTable.forEach(this.out::println);
		this.out.println();
		this.out.printf(Locale.ROOT, "%d invocations: %d answered by the cache, %d called the product catalog%n%n",
				invocations, starter.hits.size(), starter.misses.size());
		Run simple = run(SIMPLE, SIMPLE_CACHE, invocations, false);
		this.out.printf(Locale.ROOT, SUMMARY_ROW, "cache", "init", "hits", "p50", "p99", "misses", "p50", "p99");
		for (Run run : List.of(starter, simple)) {
			this.out.printf(Locale.ROOT, SUMMARY_ROW, run.name, millis(run.initNanos, 0), run.hits.size(),
					millis(percentile(run.hits, 50), 1), millis(percentile(run.hits, 99), 1), run.misses.size(),
					millis(percentile(run.misses, 50), 1), millis(percentile(run.misses, 99), 1));
		}
		this.out.printf(Locale.ROOT, "%ninit: from the start of the JVM to the function's first poll for an event, "
				+ "what Lambda bills as Init Duration%n");
	}

	private Run run(String name, Map<String, String> environment, int invocations, boolean printRows)
			throws IOException {
		Map<String, String> env = new LinkedHashMap<>(environment);
		env.put("LOGGING_LEVEL_DEV_FAASCACHE_DEMO", "debug");
		FunctionSettings lambda = this.settings.withEnvironment(env);
		Run run = new Run(name);
		try (LocalRuntimeApi runtimeApi = LocalRuntimeApi.start(this.ticker);
				LocalLambda function = LocalLambda.start(lambda, runtimeApi, this.ticker)) {
			run.initNanos = function.awaitInitialised(runtimeApi, INIT_TIMEOUT);
			if (printRows) {
				this.out.printf(Locale.ROOT, "%s: init %s%n%n", name, millis(run.initNanos, 0));
				this.out.printf(Locale.ROOT, ROW, "invocation", "product", "cache", "latency");
			}
			for (int i = 1; i <= invocations; i++) {
				String id = String.valueOf((i - 1) % PRODUCTS + 1);
				InvocationResult result = function.invoke(runtimeApi, "{\"id\":\"" + id + "\"}", INVOCATION_TIMEOUT);
				if (!result.success()) {
					throw new IllegalStateException("Invocation " + i + " failed: " + result.body());
				}
				boolean hit = function.awaitLine(OUTCOME, i, INVOCATION_TIMEOUT).endsWith("answered by the cache");
				(hit ? run.hits : run.misses).add(result.nanos());
				if (printRows) {
					this.out.printf(Locale.ROOT, ROW, i, id, hit ? "HIT" : "MISS", millis(result.nanos(), 1));
				}
			}
			run.cacheTable = cacheTable(function.shutdown(SHUTDOWN_GRACE));
		}
		return run;
	}

	/**
	 * Return the lines of the table that the function logged when it shut down.
	 */
	static List<String> cacheTable(List<String> output) {
		List<String> table = new ArrayList<>();
		boolean inTable = false;
		for (String line : output) {
			if (line.endsWith("Cache statistics at shutdown:")) {
				inTable = true;
				table.clear();
			}
			else if (inTable && line.isBlank()) {
				inTable = false;
			}
			else if (inTable) {
				table.add(line);
			}
		}
		return table;
	}

	/**
	 * Fail unless the runtime interface client can run here: its native library is built for
	 * Linux only.
	 * @param osName the name of the operating system
	 * @throws IllegalStateException on another operating system
	 */
	static void requireLinux(String osName) {
		if (osName == null || !osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
			throw new IllegalStateException("--" + OPTION + " runs the function under AWS's runtime interface client, "
					+ "whose native library exists for Linux only, but this is " + osName
					+ ": run the command in a Linux container with a JDK 17 or later");
		}
	}

	/**
	 * Return the nearest-rank percentile of the latencies, or -1 when there are none.
	 */
	static long percentile(List<Long> nanos, int percentile) {
		if (nanos.isEmpty()) {
			return -1;
		}
		List<Long> sorted = nanos.stream().sorted().toList();
		int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
		return sorted.get(Math.max(rank, 1) - 1);
	}

	static String millis(long nanos, int decimals) {
		if (nanos < 0) {
			return "-";
		}
		return String.format(Locale.ROOT, "%,." + decimals + "f ms", nanos / 1e6);
	}

	private static Path functionJar() {
		try {
			Path location = Path.of(Simulation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			if (!Files.isRegularFile(location) || !location.toString().endsWith(".jar")) {
				throw new IllegalArgumentException("--" + OPTION + " runs the Lambda jar it is started from, such as "
						+ "java -jar faas-cache-demo/target/faas-cache-demo-0.1.0-SNAPSHOT-aws.jar --simulate=10, "
						+ "but was started from " + location);
			}
			return location;
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException("Cannot locate the jar of " + Simulation.class, ex);
		}
	}

	private static final class Run {

		private final String name;

		private final List<Long> hits = new ArrayList<>();

		private final List<Long> misses = new ArrayList<>();

		private long initNanos;

		private List<String> cacheTable = List.of();

		private Run(String name) {
			this.name = name;
		}

	}

}
