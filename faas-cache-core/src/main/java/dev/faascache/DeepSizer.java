/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.github.jamm.CannotAccessFieldException;
import org.github.jamm.MemoryMeter;

/**
 * The default {@link Sizer}: jamm's deep measurement with the JVM's object layout.
 * <p>
 * When jamm cannot read a field of some class in the graph (JDK hidden classes such as a
 * lambda comparator of a {@code TreeMap}), the object is counted by its shallow size and a
 * warning naming its class is logged once.
 */
enum DeepSizer implements Sizer {

	INSTANCE;

	private static final System.Logger logger = System.getLogger(Sizer.class.getName());

	private final MemoryMeter meter = MemoryMeter.builder().build();

	private final Set<Class<?>> warned = ConcurrentHashMap.newKeySet();

	@Override
	public long sizeOf(Object object) {
		try {
			return this.meter.measureDeep(object);
		}
		catch (CannotAccessFieldException ex) {
			if (this.warned.add(object.getClass())) {
				logger.log(Level.WARNING, "Cannot measure an instance of " + object.getClass().getName()
						+ " deeply, counting its shallow size only: " + ex.getMessage());
			}
			return this.meter.measure(object);
		}
	}

}
