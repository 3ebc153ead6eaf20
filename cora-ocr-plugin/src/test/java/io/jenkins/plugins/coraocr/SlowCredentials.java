package io.jenkins.plugins.coraocr;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.ItemGroup;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jvnet.hudson.test.TestExtension;
import org.springframework.security.core.Authentication;

/** A credentials store as slow as a remote vault can be: a lookup blocks until the test lets it go on. */
@TestExtension("abortingWhileTheCredentialsAreStillLookedUpSendsNothing")
public final class SlowCredentials extends CredentialsProvider {
    private static volatile CountDownLatch entered = new CountDownLatch(0);
    private static volatile CountDownLatch proceed = new CountDownLatch(0);
    private static volatile CountDownLatch returned = new CountDownLatch(0);

    static void arm() {
        entered = new CountDownLatch(1);
        proceed = new CountDownLatch(1);
        returned = new CountDownLatch(1);
    }

    static void awaitLookup() throws InterruptedException {
        if (!entered.await(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the step never looked its credentials up");
        }
    }

    static void release() {
        proceed.countDown();
    }

    static void awaitReturned() throws InterruptedException {
        if (!returned.await(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the lookup never returned");
        }
    }

    @NonNull
    @Override
    @SuppressWarnings("rawtypes") // as the method it overrides
    public <C extends Credentials> List<C> getCredentialsInItemGroup(
            @NonNull Class<C> type,
            ItemGroup itemGroup,
            Authentication authentication,
            @NonNull List<DomainRequirement> domainRequirements) {
        if (entered.getCount() > 0) {
            entered.countDown();
            try {
                proceed.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            returned.countDown();
        }
        UsernamePasswordCredentialsImpl slow;
        try {
            slow = new UsernamePasswordCredentialsImpl(
                    CredentialsScope.GLOBAL, "slow", "slow vault", Fixtures.USER, Fixtures.PASSWORD);
        } catch (hudson.model.Descriptor.FormException e) {
            throw new IllegalStateException(e);
        }
        return type.isInstance(slow) ? List.of(type.cast(slow)) : List.of();
    }
}
