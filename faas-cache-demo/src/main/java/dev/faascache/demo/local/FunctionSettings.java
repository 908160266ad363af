/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How to run the function: its jar, the directory holding the runtime interface client and
 * what it needs (what Lambda's Java runtime provides), the memory configured for the function,
 * and the environment variables and system properties to add.
 *
 * @param functionJar the deployment package
 * @param runtimeDirectory the directory of the runtime client's jars
 * @param memoryMegabytes the function's memory; the heap is 85% of it
 * @param environment environment variables for the function
 * @param systemProperties system properties for the function's JVM
 */
public record FunctionSettings(Path functionJar, Path runtimeDirectory, int memoryMegabytes,
		Map<String, String> environment, Map<String, String> systemProperties) {

	/**
	 * Smallest memory a Lambda function can have.
	 */
	static final int MIN_MEMORY = 128;

	/**
	 * Largest memory a Lambda function can have.
	 */
	static final int MAX_MEMORY = 10_240;

	/**
	 * Check the settings.
	 * @throws IllegalArgumentException if the memory is outside Lambda's range, or the jar
	 * or the runtime directory is missing
	 */
	public FunctionSettings {
		Objects.requireNonNull(functionJar, "functionJar must not be null");
		Objects.requireNonNull(runtimeDirectory, "runtimeDirectory must not be null");
		if (memoryMegabytes < MIN_MEMORY || memoryMegabytes > MAX_MEMORY) {
			throw new IllegalArgumentException("A Lambda function's memory is " + MIN_MEMORY + " to " + MAX_MEMORY
					+ " MB, but was " + memoryMegabytes);
		}
		if (!Files.isRegularFile(functionJar)) {
			throw new IllegalArgumentException("No function jar at " + functionJar);
		}
		if (!Files.isDirectory(runtimeDirectory)) {
			throw new IllegalArgumentException("No runtime interface client at " + runtimeDirectory
					+ ": build the demo with ./mvnw -pl faas-cache-demo -am package, which copies it there");
		}
		environment = Map.copyOf(environment);
		systemProperties = Map.copyOf(systemProperties);
	}

	/**
	 * Return the JVM options of Lambda's Java runtime for this memory: serial GC, C1 only,
	 * and a heap of 85% of the function's memory.
	 * @return the options
	 */
	public List<String> jvmOptions() {
		long heapKilobytes = this.memoryMegabytes * 1024L * 85 / 100;
		return List.of("-Xmx" + heapKilobytes + "k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
				"-XX:-UsePerfData", "-Djava.net.preferIPv4Stack=true");
	}

	/**
	 * Return these settings with environment variables added.
	 * @param added environment variables that add to, or replace, those of these settings
	 * @return the new settings
	 */
	public FunctionSettings withEnvironment(Map<String, String> added) {
		Map<String, String> merged = new LinkedHashMap<>(this.environment);
		merged.putAll(added);
		return new FunctionSettings(this.functionJar, this.runtimeDirectory, this.memoryMegabytes, merged,
				this.systemProperties);
	}

	/**
	 * Return the heap these settings give, as a person reads it.
	 * @return such as {@code 435 MB}
	 */
	public String heap() {
		return String.format(Locale.ROOT, "%d MB", this.memoryMegabytes * 85 / 100);
	}

}
