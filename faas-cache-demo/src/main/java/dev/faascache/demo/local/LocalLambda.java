/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.faascache.Ticker;
import dev.faascache.demo.local.LocalRuntimeApi.InvocationResult;

/**
 * One execution environment of a Java Lambda function, on this machine: a child JVM started with
 * the settings of Lambda's Java runtime (serial GC, C1 only, a heap of 85% of the function's
 * memory), running AWS's runtime interface client, which loads the function's jar from the task
 * root and polls a {@link LocalRuntimeApi} for events.
 * <p>
 * The runtime interface client talks to the Runtime API through a native library that exists for
 * Linux (x86_64 and arm64, glibc and musl) only; elsewhere the child exits at start.
 */
public final class LocalLambda implements AutoCloseable {

	/**
	 * Main class of AWS's runtime interface client, as Lambda's Java container images start it.
	 */
	public static final String RUNTIME_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

	/**
	 * Handler that {@code template.yaml} names.
	 */
	public static final String HANDLER = "dev.faascache.demo.ProductHandler::handleRequest";

	private static final String FUNCTION_NAME = "faas-cache-demo";

	private final Process process;

	private final Path taskRoot;

	private final long started;

	private final List<String> output = new ArrayList<>();

	private final CompletableFuture<Void> outputDrained = new CompletableFuture<>();

	private LocalLambda(Process process, Path taskRoot, long started) {
		this.process = process;
		this.taskRoot = taskRoot;
		this.started = started;
		Thread reader = new Thread(this::drainOutput, "local-lambda-output");
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Start an execution environment: copy the function's jar to a fresh task root, as Lambda
	 * unpacks the deployment package to {@code /var/task}, and start the runtime interface client
	 * in a child JVM.
	 * @param settings the function's jar, runtime and memory
	 * @param runtimeApi where the runtime client polls for events
	 * @param ticker the time source of the initialisation time
	 * @return the started environment
	 * @throws IOException if the task root cannot be written or the JVM cannot be started
	 */
	public static LocalLambda start(FunctionSettings settings, LocalRuntimeApi runtimeApi, Ticker ticker) throws IOException {
		Path taskRoot = Files.createTempDirectory("faas-cache-demo-task");
		Path lib = Files.createDirectory(taskRoot.resolve("lib"));
		Files.copy(settings.functionJar(), lib.resolve(settings.functionJar().getFileName()));
		List<String> command = command(settings);
		Optional<Path> library = NativeClientLibrary.copy(settings.runtimeDirectory(), taskRoot.resolve("jni"),
				System.getProperty("os.arch"));
		library.ifPresent((path) -> command.add(1, "-D" + NativeClientLibrary.PROPERTY + "=" + path));
		ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile())
			.redirectErrorStream(true);
		builder.environment().putAll(environment(settings, runtimeApi, taskRoot));
		long started = ticker.read();
		Process process = builder.start();
		process.getOutputStream().close();
		return new LocalLambda(process, taskRoot, started);
	}

	/**
	 * Return the command that starts the child JVM: Lambda's JVM options, then the runtime client
	 * with the handler as its argument.
	 * @param settings the function's settings
	 * @return the command
	 */
	static List<String> command(FunctionSettings settings) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(settings.jvmOptions());
		settings.systemProperties().forEach((name, value) -> command.add("-D" + name + "=" + value));
		command.add("-cp");
		command.add(settings.runtimeDirectory().resolve("*").toString());
		command.add(RUNTIME_CLIENT);
		command.add(HANDLER);
		return command;
	}

	private static Map<String, String> environment(FunctionSettings settings, LocalRuntimeApi runtimeApi, Path taskRoot) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("AWS_LAMBDA_RUNTIME_API", runtimeApi.address());
		environment.put("_HANDLER", HANDLER);
		environment.put("LAMBDA_TASK_ROOT", taskRoot.toString());
		environment.put("AWS_LAMBDA_FUNCTION_NAME", FUNCTION_NAME);
		environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
		environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(settings.memoryMegabytes()));
		environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
		environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + FUNCTION_NAME);
		environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
		// as template.yaml sets it: where the FunctionInvoker finds the Spring Boot application
		environment.put("MAIN_CLASS", "dev.faascache.demo.DemoApplication");
		environment.putAll(settings.environment());
		return environment;
	}

	/**
	 * Wait until the function has initialised, that is, polled for its first event, and return
	 * how long that took from the start of the JVM: what Lambda bills as {@code Init Duration}.
	 * @param runtimeApi the Runtime API the function polls
	 * @param timeout how long to wait at most
	 * @return the initialisation time in nanoseconds
	 * @throws IllegalStateException if the function failed to initialise, its JVM exited, or it
	 * did not poll in time; the message holds the end of its output
	 */
	public long awaitInitialised(LocalRuntimeApi runtimeApi, Duration timeout) {
		CompletableFuture<Object> exited = this.process.onExit().thenApply((process) -> process);
		try {
			Object first = CompletableFuture.anyOf(runtimeApi.initialised(), exited)
				.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (first instanceof Long polled) {
				return polled - this.started;
			}
			throw failure("The function's JVM exited with code " + this.process.exitValue() + " before it initialised",
					null);
		}
		catch (ExecutionException ex) {
			throw failure(ex.getCause().getMessage(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw failure("The function did not initialise within " + timeout, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failure("Interrupted while the function initialised", ex);
		}
	}

	/**
	 * Invoke the function with one event and wait for its outcome.
	 * @param runtimeApi the Runtime API the function polls
	 * @param event the event
	 * @param timeout how long to wait at most, like a function's timeout
	 * @return what the runtime posted
	 * @throws IllegalStateException if the runtime posted nothing in time or its JVM exited
	 */
	public InvocationResult invoke(LocalRuntimeApi runtimeApi, String event, Duration timeout) {
		CompletableFuture<InvocationResult> result = runtimeApi.invoke(event);
		CompletableFuture<Object> exited = this.process.onExit().thenApply((process) -> process);
		try {
			Object first = CompletableFuture.anyOf(result, exited).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (first instanceof InvocationResult invocation) {
				return invocation;
			}
			throw failure("The function's JVM exited with code " + this.process.exitValue() + " during an invocation",
					null);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw failure("The function did not answer " + event + " within " + timeout, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failure("Interrupted during an invocation", ex);
		}
	}

	/**
	 * Shut the environment down as Lambda does when it has runtime extensions: {@code SIGTERM},
	 * which lets the JVM run its shutdown hooks (Spring closes its context), then {@code SIGKILL}
	 * if it is still running after the grace period.
	 * @param grace how long to wait for the JVM to exit
	 * @return the function's output, stdout and stderr, line by line
	 */
	public List<String> shutdown(Duration grace) {
		// through the handle: Process.destroy() would also close the pipe the shutdown is logged to
		this.process.toHandle().destroy();
		try {
			if (!this.process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
			}
			this.outputDrained.get(grace.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// the output read so far is returned
		}
		return output();
	}

	/**
	 * Return the function's output so far, stdout and stderr, line by line.
	 * @return the lines printed so far
	 */
	public List<String> output() {
		synchronized (this.output) {
			return List.copyOf(this.output);
		}
	}

	/**
	 * Wait until the function has printed a line that matches a pattern for the given time, and
	 * return that line.
	 * @param pattern what to find in the line
	 * @param occurrence which matching line to return, from 1
	 * @param timeout how long to wait at most
	 * @return the line
	 * @throws IllegalStateException if no such line was printed in time
	 */
	public String awaitLine(Pattern pattern, int occurrence, Duration timeout) {
		long deadline = System.currentTimeMillis() + timeout.toMillis();
		synchronized (this.output) {
			while (true) {
				List<String> matching = this.output.stream().filter((line) -> pattern.matcher(line).find()).toList();
				if (matching.size() >= occurrence) {
					return matching.get(occurrence - 1);
				}
				long left = deadline - System.currentTimeMillis();
				if (left <= 0 || this.outputDrained.isDone()) {
					throw failure("The function printed no line " + occurrence + " matching '" + pattern + "' within "
							+ timeout, null);
				}
				try {
					this.output.wait(left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw failure("Interrupted while waiting for the function's output", ex);
				}
			}
		}
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
		}
		deleteTaskRoot();
	}

	private void drainOutput() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				synchronized (this.output) {
					this.output.add(line);
					this.output.notifyAll();
				}
			}
		}
		catch (IOException ex) {
			// the process was killed; the lines read so far stay
		}
		finally {
			synchronized (this.output) {
				this.outputDrained.complete(null);
				this.output.notifyAll();
			}
		}
	}

	private IllegalStateException failure(String message, Throwable cause) {
		List<String> lines = output();
		String tail = String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		return new IllegalStateException(message + "; the function's output ends with:" + System.lineSeparator() + tail,
				cause);
	}

	private void deleteTaskRoot() {
		try (Stream<Path> paths = Files.walk(this.taskRoot)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete the task root " + this.taskRoot, ex);
		}
	}

}
