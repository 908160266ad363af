/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReadBuffer}: every read recorded in order while one thread reads, a sample of
 * them once several threads do, and a count of what was recorded that never goes back.
 */
class ReadBufferTests {

	private final ReadBuffer<String, String> buffer = new ReadBuffer<>();

	@Test
	void offer_singleThread_recordsEveryReadInOrderAndAsksForADrainWhenFull() {
		List<Node<String, String>> nodes = nodes(ReadBuffer.STRIPE_CAPACITY);
		for (int i = 0; i < nodes.size() - 1; i++) {
			assertThat(this.buffer.offer(nodes.get(i))).isEqualTo(ReadBuffer.RECORDED);
		}
		assertThat(this.buffer.offer(nodes.get(nodes.size() - 1))).isEqualTo(ReadBuffer.RECORDED_FULL);
		assertThat(this.buffer.offer(nodes.get(0))).isEqualTo(ReadBuffer.FULL);
		List<Node<String, String>> drained = new ArrayList<>();
		this.buffer.drainTo(drained, List::add);
		assertThat(drained).containsExactlyElementsOf(nodes);
		assertThat(this.buffer.recordedCount()).isEqualTo(ReadBuffer.STRIPE_CAPACITY);
	}

	@Test
	void offer_afterReadsFromTwoThreads_samplesUntilOneThreadReadsAlone() throws InterruptedException {
		Node<String, String> node = nodes(1).get(0);
		this.buffer.offer(node);
		Thread other;
		do {
			other = new Thread(() -> this.buffer.offer(node));
		}
		while (ReadBuffer.stripeOf(other) == ReadBuffer.stripeOf(Thread.currentThread()));
		other.start();
		other.join();
		this.buffer.drainTo(null, (target, drained) -> {
		});
		AtomicInteger skipped = new AtomicInteger();
		for (int i = 0; i < 200; i++) {
			int outcome = this.buffer.offer(node);
			if (outcome == ReadBuffer.SKIPPED) {
				skipped.incrementAndGet();
			}
			else if (outcome == ReadBuffer.RECORDED_FULL || outcome == ReadBuffer.FULL) {
				this.buffer.drainTo(null, (target, drained) -> {
				});
				break;
			}
		}
		assertThat(skipped).hasPositiveValue();
		for (int i = 0; i < ReadBuffer.STRIPE_CAPACITY - 1; i++) {
			assertThat(this.buffer.offer(node)).isEqualTo(ReadBuffer.RECORDED);
		}
	}

	@Test
	void recordedCount_countsEveryRecordedReadOfEveryThread() throws InterruptedException {
		Node<String, String> node = nodes(1).get(0);
		AtomicInteger recorded = new AtomicInteger();
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			Thread thread = new Thread(() -> {
				for (int i = 0; i < 10_000; i++) {
					int outcome = this.buffer.offer(node);
					if (outcome == ReadBuffer.RECORDED || outcome == ReadBuffer.RECORDED_FULL) {
						recorded.incrementAndGet();
					}
					if (outcome != ReadBuffer.RECORDED) {
						synchronized (this.buffer) {
							this.buffer.drainTo(null, (target, drained) -> {
							});
						}
					}
				}
			});
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(this.buffer.recordedCount()).isEqualTo(recorded.get());
	}

	private static List<Node<String, String>> nodes(int count) {
		List<Node<String, String>> nodes = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			nodes.add(new Node<>("key" + i, "value" + i, 1, Node.NEVER));
		}
		return nodes;
	}

}
