/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.faascache.demo.local.Simulation;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

/**
 * A function that caches a slow lookup with the faas-cache starter, configured in
 * {@code application.yml} under {@code faas.cache}.
 * <p>
 * On AWS Lambda, the handler {@link ProductHandler} (Spring Cloud Function's {@code FunctionInvoker})
 * starts this application once per container and routes every invocation to
 * {@link ProductFunction}: warm invocations find the
 * products fetched by earlier ones in the cache. Run locally from the {@code -local} jar,
 * {@link #main(String[])} serves the function over HTTP; from the Lambda jar, given
 * {@code --simulate=N}, it runs that jar under AWS's runtime interface client for N invocations,
 * prints what each one cost and the cache statistics, and exits.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableCaching
public class DemoApplication {

	private static final String WEB_SERVER = "org.springframework.boot.web.server.WebServer";

	@Bean
	ProductCatalogClient productCatalogClient(@Value("${demo.catalog.latency}") Duration latency) {
		return new ProductCatalogClient(latency);
	}

	@Bean
	CatalogWarmUp catalogWarmUp(ProductCatalogClient productCatalogClient,
			@Value("${demo.warm-up.product-ids:}") List<String> productIds) {
		return new CatalogWarmUp(productCatalogClient, productIds);
	}

	@Bean
	ProductFunction product(ProductCatalogClient productCatalogClient) {
		return new ProductFunction(productCatalogClient);
	}

	@Bean
	CacheStatistics cacheStatistics(CacheManager cacheManager) {
		return new CacheStatistics(cacheManager);
	}

	/**
	 * Serve the function over HTTP, or, given {@code --simulate[=N]}, run it N times as Lambda
	 * runs it (see {@link Simulation}).
	 * @param args the command line arguments
	 * @throws IOException if the simulation cannot start the function
	 */
	public static void main(String[] args) throws IOException {
		DefaultApplicationArguments arguments = new DefaultApplicationArguments(args);
		if (arguments.containsOption(Simulation.OPTION)) {
			Map<String, List<String>> options = new LinkedHashMap<>();
			arguments.getOptionNames().forEach((name) -> options.put(name, arguments.getOptionValues(name)));
			Simulation.run(options, System.out);
			return;
		}
		if (!ClassUtils.isPresent(WEB_SERVER, DemoApplication.class.getClassLoader())) {
			// the Lambda jars hold no web server: without one the application would start and stop at once
			System.err.println("This jar is for AWS Lambda, which starts it through " + ProductHandler.class.getName()
					+ ". Run it as Lambda does with --" + Simulation.OPTION + "=10, or serve the function over HTTP "
					+ "with the -local jar beside it.");
			return;
		}
		SpringApplication.run(DemoApplication.class, args);
	}

}
