/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.util.function.IntConsumer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache keeps no class of an application alive once the application lets go of it, so that
 * a redeploy or a DevTools restart, which discards a class loader, does not leak it.
 */
class ClassLoaderLeakTests {

	/**
	 * Regression: the classes of keys whose hash code changed after they were cached were kept in
	 * a static set, to warn of each once, and with them their class loaders, for ever. The cache
	 * now removes such a key's entry by identity, and keeps nothing of its class once cleared.
	 */
	@Test
	void mutatedKey_doesNotPinTheKeyClassLoader() throws Exception {
		WeakReference<ClassLoader> loader = useMutatedKeyFromDiscardedLoader();
		for (int attempt = 0; attempt < 50 && loader.get() != null; attempt++) {
			System.gc();
			Thread.onSpinWait();
		}
		assertThat(loader.get()).as("the discarded class loader was collected").isNull();
	}

	private static WeakReference<ClassLoader> useMutatedKeyFromDiscardedLoader() throws Exception {
		ClassLoader loader = new IsolatingLoader(MutableKey.class.getName());
		Class<?> keyClass = loader.loadClass(MutableKey.class.getName());
		assertThat(keyClass).isNotSameAs(MutableKey.class);
		Object key = keyClass.getDeclaredConstructor().newInstance();
		FaasCache<Object, String> cache = FaasCache.<Object, String>builder().build();
		cache.put(key, "v");
		((IntConsumer) key).accept(42);
		cache.clear();
		assertThat(cache).isEmpty();
		return new WeakReference<>(loader);
	}

	/** A key whose hash code the test changes after caching it. */
	public static final class MutableKey implements IntConsumer {

		private int hash;

		@Override
		public void accept(int value) {
			this.hash = value;
		}

		@Override
		public int hashCode() {
			return this.hash;
		}

		@Override
		public boolean equals(Object other) {
			return other == this;
		}

	}

	/** Defines one class itself, from the test's class files, and delegates every other. */
	private static final class IsolatingLoader extends ClassLoader {

		private final String isolated;

		IsolatingLoader(String isolated) {
			super(ClassLoaderLeakTests.class.getClassLoader());
			this.isolated = isolated;
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			if (!name.equals(this.isolated)) {
				return super.loadClass(name, resolve);
			}
			synchronized (getClassLoadingLock(name)) {
				Class<?> loaded = findLoadedClass(name);
				if (loaded != null) {
					return loaded;
				}
				try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
					byte[] bytes = in.readAllBytes();
					return defineClass(name, bytes, 0, bytes.length);
				}
				catch (IOException ex) {
					throw new ClassNotFoundException(name, ex);
				}
			}
		}

	}

}
