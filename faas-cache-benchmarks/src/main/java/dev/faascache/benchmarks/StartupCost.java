/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import dev.faascache.Sizer;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * What the starter adds to the start of an application: the same small application, caching
 * enabled with one named cache, is started in a fresh JVM many times with the starter and many
 * times without it (Spring Boot's default cache, a {@code ConcurrentMapCacheManager}, then serves
 * it), in pairs. Each JVM runs as a Lambda function's does (Serial GC, C1 only) and reports
 * how long the context took to start, the heap in use after a full collection with the context
 * running and its caches empty, the deep size of the cache manager with its empty caches, the
 * threads alive and the classes loaded. Each pair of starts runs in a random order, so that
 * neither kind always starts on a machine the other has just warmed.
 */
public final class StartupCost {

	private static final String CHILD = "--child";

	private static final String FAAS_AUTO_CONFIGURATION = "dev.faascache.spring.autoconfigure.FaasCacheAutoConfiguration";

	private StartupCost() {
	}

	/**
	 * Start the application once and print what it cost, or, without {@value #CHILD}, run the
	 * comparison and print it.
	 * @param args {@code --child with|without}, or the number of starts of each kind
	 */
	public static void main(String[] args) throws IOException, InterruptedException {
		if (args.length == 2 && args[0].equals(CHILD)) {
			System.out.println(startOnce(args[1].equals("with")));
			return;
		}
		Targets targets = new Targets();
		System.out.println(compare((args.length > 0) ? Integer.parseInt(args[0]) : 10, targets, ""));
		System.out.println(targets.table());
	}

	/**
	 * Start the application the given number of times with the starter and as often without,
	 * each time in a new JVM, each pair in a random order, and return a Markdown table of the
	 * medians; judge the starter's targets on the confidence interval of the paired differences.
	 */
	static String compare(int starts, Targets targets, String caption) throws IOException, InterruptedException {
		long seed = new SecureRandom().nextLong();
		Random order = new Random(seed);
		List<Sample> with = new ArrayList<>();
		List<Sample> without = new ArrayList<>();
		for (int i = 0; i < starts; i++) {
			if (order.nextBoolean()) {
				with.add(startInNewJvm(true));
				without.add(startInNewJvm(false));
			}
			else {
				without.add(startInNewJvm(false));
				with.add(startInNewJvm(true));
			}
		}
		Sample a = Sample.median(with);
		Sample b = Sample.median(without);
		PairedMedian start = PairedMedian.of(with, without, Sample::startMillis);
		PairedMedian cpu = PairedMedian.of(with, without, Sample::cpuMillis);
		PairedMedian heap = PairedMedian.of(with, without, (sample) -> sample.heapBytes / 1024.0);
		PairedMedian threads = PairedMedian.of(with, without, Sample::threads);
		StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
				"### Startup: the same application with and without the starter, median of %d starts each%n%n%s%n%n",
				starts, caption));
		table.append("| | context start | main thread CPU | heap after GC, caches empty | held by the cache manager | threads | classes loaded |\n");
		table.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		table.append(b.row("without the starter (Boot's ConcurrentMapCacheManager)"));
		table.append(a.row("with the starter (FaasCacheManager)"));
		table.append(String.format(Locale.ROOT,
				"| **the starter adds** | **%+.1f ms** | **%+.1f ms** | **%+.0f KB** | **%+.1f KB** | **%+.0f** | **%+d** |%n%n",
				start.median(), cpu.median(), heap.median(), (a.managerBytes - b.managerBytes) / 1024.0, threads.median(),
				a.classes - b.classes));
		table.append(String.format(Locale.ROOT,
				"Each pair of starts ran in a random order (seed %d). What the starter adds is the median of the "
						+ "differences within each pair; with %.0f%% confidence that median lies between %+.1f and "
						+ "%+.1f ms of start time, %+.1f and %+.1f ms of CPU time, and %+.0f and %+.0f KB of heap.%n%n",
				seed, 100 * start.confidence(), start.low(), start.high(), cpu.low(), cpu.high(), heap.low(), heap.high()));
		String interval = String.format(Locale.ROOT, "(%.0f%% interval of the median of %d paired starts)",
				100 * start.confidence(), starts);
		targets.add("the starter adds ≤ 15 ms to context start", start.format("ms") + " " + interval,
				Targets.verdict(start.high() <= 15, start.low() > 15));
		targets.add("the starter adds ≤ 200 KB of heap when empty", heap.format("KB") + " " + interval,
				Targets.verdict(heap.high() <= 200, heap.low() > 200));
		targets.add("the starter starts no thread", threads.format("threads") + " " + interval,
				Targets.verdict(threads.high() <= 0, threads.low() > 0));
		return table.toString();
	}

	private static Sample startInNewJvm(boolean withStarter) throws IOException, InterruptedException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		List<String> command = List.of(java.toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx512m",
				"-cp", System.getProperty("java.class.path"), StartupCost.class.getName(), CHILD,
				withStarter ? "with" : "without");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String result = null;
		List<String> output = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				output.add(line);
				if (line.startsWith(Sample.PREFIX)) {
					result = line;
				}
			}
		}
		if (process.waitFor() != 0 || result == null) {
			throw new IllegalStateException("The application did not start: " + String.join("\n", output));
		}
		return Sample.parse(result);
	}

	private static String startOnce(boolean withStarter) {
		Map<String, Object> properties = withStarter
				? Map.of("faas.cache.cache-names", "products", "faas.cache.max-size", "16M")
				: Map.of("spring.cache.cache-names", "products", "spring.autoconfigure.exclude", FAAS_AUTO_CONFIGURATION);
		long start = System.nanoTime();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(StartupApplication.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(properties)
			.run();
		long startNanos = System.nanoTime() - start;
		// read after the start, so that the management classes load after the measured part in both cases
		long cpuNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
		CacheManager cacheManager = context.getBean(CacheManager.class);
		String manager = cacheManager.getClass().getSimpleName();
		boolean faas = manager.equals("FaasCacheManager");
		if (faas != withStarter) {
			throw new IllegalStateException("Expected " + (withStarter ? "" : "no ") + "FaasCacheManager, found " + manager);
		}
		System.gc();
		System.gc();
		long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		int threads = ManagementFactory.getThreadMXBean().getThreadCount();
		int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
		// measured last, since the sizer loads classes of its own in the application without the starter
		Sample sample = new Sample(startNanos / 1e6, cpuNanos / 1e6, heap, Sizer.deep().sizeOf(cacheManager), threads,
				classes);
		context.close();
		return sample.toString();
	}

	/**
	 * The application started: caching enabled, one cached method, one named cache.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableCaching
	static class StartupApplication {

		@Bean
		ProductLookup productLookup() {
			return new ProductLookup();
		}

	}

	/**
	 * A cached lookup, as an application would have.
	 */
	static class ProductLookup {

		@Cacheable("products")
		public String product(String id) {
			return "product " + id;
		}

	}

	/**
	 * What one start cost.
	 * @param startMillis how long the context took to start
	 * @param cpuMillis processor time the main thread used, from the start of the JVM to the end of
	 * the context's start
	 * @param heapBytes heap in use after a full collection
	 * @param managerBytes deep size of the cache manager and its empty caches
	 * @param threads threads alive
	 * @param classes classes loaded
	 */
	private record Sample(double startMillis, double cpuMillis, long heapBytes, long managerBytes, int threads,
			int classes) {

		static final String PREFIX = "startup ";

		static Sample parse(String line) {
			String[] fields = line.substring(PREFIX.length()).split(" ");
			return new Sample(Double.parseDouble(fields[0]), Double.parseDouble(fields[1]), Long.parseLong(fields[2]),
					Long.parseLong(fields[3]), Integer.parseInt(fields[4]), Integer.parseInt(fields[5]));
		}

		static Sample median(List<Sample> samples) {
			return new Sample(PairedMedian.median(samples.stream().mapToDouble(Sample::startMillis).toArray()),
					PairedMedian.median(samples.stream().mapToDouble(Sample::cpuMillis).toArray()),
					(long) PairedMedian.median(samples.stream().mapToDouble(Sample::heapBytes).toArray()),
					(long) PairedMedian.median(samples.stream().mapToDouble(Sample::managerBytes).toArray()),
					(int) PairedMedian.median(samples.stream().mapToDouble(Sample::threads).toArray()),
					(int) PairedMedian.median(samples.stream().mapToDouble(Sample::classes).toArray()));
		}

		String row(String label) {
			return String.format(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %.0f KB | %.1f KB | %d | %d |%n", label,
					this.startMillis, this.cpuMillis, this.heapBytes / 1024.0, this.managerBytes / 1024.0, this.threads,
					this.classes);
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%s%.3f %.3f %d %d %d %d", PREFIX, this.startMillis, this.cpuMillis,
					this.heapBytes, this.managerBytes, this.threads, this.classes);
		}

	}

}
