/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads that miss while a write that evicts is under way: the write removes its victim before it
 * stores its own entry, and the test holds it between the two, through the hash code of the key
 * it stores, which the map asks for once the victim is gone.
 */
class EvictingWriteReadTests {

	private static final int VICTIM = 1;

	private static final int KEPT = 2;

	private static final int STORED = 3;

	private final ExecutorService threads = Executors.newFixedThreadPool(2);

	private final CountDownLatch victimRemoved = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	private final FaasCache<Key, String> cache = FaasCache.<Key, String>builder()
		.maxItems(2)
		.sizer((object) -> 16)
		.build();

	@AfterEach
	void stop() {
		this.release.countDown();
		this.threads.shutdownNow();
	}

	@Test
	@Timeout(30)
	void missOnAnotherKey_answersAtOnce_whileReadOfTheStoredKeyWaitsForTheWrite() throws Exception {
		this.cache.put(new Key(VICTIM, null), "victim");
		this.cache.put(new Key(KEPT, null), "kept");
		Key stored = new Key(STORED, this::holdOnceVictimIsGone);
		Future<String> write = this.threads.submit(() -> this.cache.put(stored, "stored"));
		assertThat(this.victimRemoved.await(10, TimeUnit.SECONDS)).as("the write removed its victim").isTrue();

		// Neither read concerns the entry being stored, so neither waits for the write
		assertThat(CompletableFuture.supplyAsync(() -> this.cache.get(new Key(VICTIM, null)), this.threads)
			.get(10, TimeUnit.SECONDS)).isNull();
		assertThat(this.cache.get(new Key(KEPT, null))).isEqualTo("kept");

		// The victim is seen gone, so the entry that replaced it must be seen too
		Thread[] reader = new Thread[1];
		CountDownLatch started = new CountDownLatch(1);
		Future<String> read = this.threads.submit(() -> {
			reader[0] = Thread.currentThread();
			started.countDown();
			return this.cache.get(new Key(STORED, null));
		});
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		ThreadStates.await(reader[0], ThreadStates.PARKED, "the read of the stored key waits for the write");
		this.release.countDown();
		assertThat(write.get(10, TimeUnit.SECONDS)).isNull();
		assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo("stored");
		assertThat(this.cache).containsOnlyKeys(new Key(KEPT, null), new Key(STORED, null));
	}

	/** Called from the stored key's hash code, on the writing thread, under the cache's lock. */
	private boolean holdOnceVictimIsGone() {
		if (this.cache.containsKey(new Key(VICTIM, null))) {
			return false;
		}
		this.victimRemoved.countDown();
		try {
			return this.release.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return true;
		}
	}

	/**
	 * A key whose hash code runs a hook until the hook reports that it has done its work.
	 */
	private static final class Key {

		private final int id;

		private volatile BooleanSupplier hook;

		Key(int id, BooleanSupplier hook) {
			this.id = id;
			this.hook = hook;
		}

		@Override
		public int hashCode() {
			BooleanSupplier current = this.hook;
			if (current != null && current.getAsBoolean()) {
				this.hook = null;
			}
			return this.id;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Key key && key.id == this.id;
		}

		@Override
		public String toString() {
			return "Key[" + this.id + "]";
		}

	}

}
