/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring.redis;

import java.io.BufferedInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.util.FileSystemUtils;
import redis.embedded.core.ExecutableProvider;

import static org.awaitility.Awaitility.await;

/**
 * A real {@code redis-server} for the tests of a class, on a free loopback port with a temporary
 * directory and no persistence: started before the first test, emptied before each, stopped
 * after the last. Tests may {@link #stop()} and {@link #start()} it to play an outage, and talk
 * to it with {@link #command(String...)}, apart from the application's connections.
 * <p>The server is the machine's {@code redis-server} when one is on the {@code PATH}, as on CI,
 * and otherwise the one embedded-redis ships for this operating system and architecture, so that
 * the tests need only a JDK. Which one, and its version, is logged when it first starts.
 * <pre class="code">
 * &#64;RegisterExtension
 * static final RedisServer redis = new RedisServer();
 * </pre>
 */
public final class RedisServer implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

	private static final Log logger = LogFactory.getLog(RedisServer.class);

	private static final Duration STARTUP = Duration.ofSeconds(10);

	private static Path executable;

	private int port;

	private Path directory;

	private Process process;

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		this.port = freePort();
		this.directory = Files.createTempDirectory("redis-test");
		start();
		logger.info("Redis " + version() + " from " + executable() + " on port " + this.port);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (isRunning()) {
			command("FLUSHALL");
		}
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		stop();
		FileSystemUtils.deleteRecursively(this.directory);
	}

	/**
	 * Start the server on its port, unless it is running, and wait until it answers.
	 */
	public void start() {
		if (isRunning()) {
			return;
		}
		Path log = this.directory.resolve("redis.log");
		Process started;
		try {
			started = new ProcessBuilder(executable().toString(), "--port", String.valueOf(this.port),
					"--bind", "127.0.0.1", "--dir", this.directory.toString(), "--save", "", "--appendonly", "no")
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + executable(), ex);
		}
		this.process = started;
		// a server that cannot run here (a missing shared library, say) says why in its log
		await().atMost(STARTUP).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
			.failFast(() -> {
				if (!started.isAlive()) {
					throw new IllegalStateException(executable() + " exited with status " + started.exitValue()
							+ ": " + Files.readString(log).strip());
				}
			})
			.until(() -> "PONG".equals(command("PING")));
	}

	/**
	 * Kill the server, as an outage would, and wait until it has gone.
	 */
	public void stop() {
		if (this.process == null) {
			return;
		}
		this.process.destroyForcibly();
		try {
			this.process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process = null;
	}

	/**
	 * Return the machine's {@code redis-server}, or else embedded-redis's, found once per JVM since
	 * embedded-redis extracts a new copy of its binary each time it is asked.
	 */
	private static synchronized Path executable() {
		if (executable == null) {
			executable = locate();
		}
		return executable;
	}

	private static Path locate() {
		try {
			return ExecutableProvider.newExecutableInPath("redis-server").get().toPath();
		}
		catch (FileNotFoundException notOnPath) {
			try {
				return ExecutableProvider.newJarResourceProvider().get().toPath();
			}
			catch (IOException | RuntimeException ex) {
				throw new IllegalStateException("No redis-server on the PATH, and embedded-redis has none for "
						+ System.getProperty("os.name") + " " + System.getProperty("os.arch"), ex);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String version() {
		String info = (String) command("INFO", "server");
		return info.lines()
			.filter((line) -> line.startsWith("redis_version:"))
			.map((line) -> line.substring("redis_version:".length()))
			.findFirst()
			.orElse("of unknown version");
	}

	private boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/**
	 * Return the port the server listens on, the same after a restart.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Send a command on a connection of its own and return the reply: a string for a status or a
	 * bulk string, a {@link Long} for an integer, a list for an array, {@code null} for a nil.
	 * @param arguments the command and its arguments
	 * @return the reply
	 * @throws IllegalStateException if the server replies with an error
	 */
	public Object command(String... arguments) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			StringBuilder request = new StringBuilder("*").append(arguments.length).append("\r\n");
			for (String argument : arguments) {
				byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
				request.append('$').append(bytes.length).append("\r\n").append(argument).append("\r\n");
			}
			out.write(request.toString().getBytes(StandardCharsets.UTF_8));
			out.flush();
			return reply(new BufferedInputStream(socket.getInputStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Object reply(InputStream in) throws IOException {
		int type = in.read();
		String line = line(in);
		switch (type) {
			case '+':
				return line;
			case '-':
				throw new IllegalStateException(line);
			case ':':
				return Long.parseLong(line);
			case '$': {
				int length = Integer.parseInt(line);
				if (length < 0) {
					return null;
				}
				byte[] bytes = in.readNBytes(length + 2);
				return new String(bytes, 0, length, StandardCharsets.UTF_8);
			}
			case '*': {
				int count = Integer.parseInt(line);
				List<Object> items = new ArrayList<>();
				for (int i = 0; i < count; i++) {
					items.add(reply(in));
				}
				return items;
			}
			default:
				throw new IOException("Unexpected reply type " + (char) type);
		}
	}

	private static String line(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int c = in.read(); c != '\r'; c = in.read()) {
			if (c < 0) {
				throw new IOException("Connection closed");
			}
			line.append((char) c);
		}
		in.read();
		return line.toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
