package io.jenkins.plugins.coraocr.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jenkins loads a plugin's classes (and its CXF) in their own class loader and runs builds on
 * threads whose context loader cannot see them. The client must work there all the same.
 */
class IsolatedClassLoaderTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    @Test
    void worksWhenTheContextClassLoaderCannotSeeCxf() throws Exception {
        server.stubFor(post(anyUrl())
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml; charset=utf-8")
                        .withBody(Envelopes.soap11(Envelopes.wrapped("WaitingForOutput", "NoError", "isolated")))));

        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        try (URLClassLoader plugin = new URLClassLoader("plugin", runtimeClassPath(), platform);
                URLClassLoader unrelated = new URLClassLoader("unrelated", new URL[0], platform)) {
            Class<?> clientClass = plugin.loadClass(CoraOcrClient.class.getName());
            assertThat(clientClass).isNotSameAs(CoraOcrClient.class);

            AtomicReference<Object> answer = new AtomicReference<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread build = new Thread(
                    () -> {
                        try {
                            Object builder = clientClass
                                    .getMethod("builder", String.class)
                                    .invoke(null, server.baseUrl());
                            Object client =
                                    builder.getClass().getMethod("build").invoke(builder);
                            try {
                                answer.set(clientClass
                                        .getMethod("getStatus", long.class)
                                        .invoke(client, 31L));
                            } finally {
                                clientClass.getMethod("close").invoke(client);
                            }
                        } catch (Throwable e) {
                            failure.set(e);
                        }
                    },
                    "build-thread");
            build.setContextClassLoader(unrelated);
            build.start();
            build.join(60_000);

            assertThat(failure.get()).as("failure in the build thread").isNull();
            assertThat(answer.get()).hasToString("WaitingForOutput (NoError), ExternalContext \"isolated\"");
            assertThat(answer.get().getClass().getClassLoader()).isSameAs(plugin);
            assertThat(build.getContextClassLoader())
                    .as("context loader restored")
                    .isSameAs(unrelated);
        }
    }

    /** The client's classes and its runtime dependencies, without this test's own classes. */
    private static URL[] runtimeClassPath() throws Exception {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isEmpty() || entry.endsWith("test-classes")) {
                continue;
            }
            urls.add(new File(entry).toURI().toURL());
        }
        return urls.toArray(new URL[0]);
    }
}
