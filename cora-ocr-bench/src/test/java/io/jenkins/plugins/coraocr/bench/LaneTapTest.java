package io.jenkins.plugins.coraocr.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How the tap pairs each poll's start with its timer when the engine's per-server queue parks polls. Timers and
 * pool are fakes run by hand on this thread; nothing waits and no time is asserted.
 */
class LaneTapTest {
    private final List<Runnable> timers = new ArrayList<>();
    private final Deque<Runnable> poolTasks = new ArrayDeque<>();
    private final ScheduledExecutorService fakeTimer = (ScheduledExecutorService) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {ScheduledExecutorService.class}, (proxy, method, args) -> {
                if (method.getName().equals("schedule") && args[0] instanceof Runnable) {
                    timers.add((Runnable) args[0]);
                    return null;
                }
                throw new UnsupportedOperationException(method.getName());
            });
    private final Executor fakePool = poolTasks::addLast;

    @Test
    void aPollHandedOverByItsTimerKeepsItsOwnNote() {
        PollRecorder recorder = new PollRecorder(10);
        LaneTap tap = new LaneTap(recorder, TimeUnit.SECONDS.toNanos(15));
        Executor blocking = tap.blocking(fakePool);
        tap.scheduler(fakeTimer).schedule(() -> blocking.execute(() -> {}), 0, TimeUnit.MILLISECONDS);

        timers.get(0).run();
        poolTasks.removeFirst().run();

        assertThat(recorder.count()).isEqualTo(1);
        assertThat(recorder.first()[0]).isTrue();
        assertThat(tap.atOnce()).isEqualTo(1);
        assertThat(tap.fromQueue()).isZero();
        assertThat(tap.unmatched()).isZero();
        assertThat(tap.leftOver()).isZero();
    }

    @Test
    void parkedPollsTakeTheNotesOfTheirTimersInOrder() {
        PollRecorder recorder = new PollRecorder(10);
        LaneTap tap = new LaneTap(recorder, TimeUnit.SECONDS.toNanos(15));
        Executor blocking = tap.blocking(fakePool);
        ScheduledExecutorService scheduler = tap.scheduler(fakeTimer);
        // Like the engine's queue when the server's places are taken: the firings park their polls.
        Deque<Runnable> parked = new ArrayDeque<>();
        scheduler.schedule(() -> parked.addLast(() -> {}), 0, TimeUnit.MILLISECONDS); // a first poll
        scheduler.schedule(() -> parked.addLast(() -> {}), 16, TimeUnit.SECONDS); // a later poll
        timers.get(0).run();
        timers.get(1).run();
        assertThat(tap.leftOver()).isEqualTo(2);

        // A pool thread whose call ended hands the oldest parked poll over, then the next.
        blocking.execute(parked.removeFirst());
        blocking.execute(parked.removeFirst());
        poolTasks.removeFirst().run();
        poolTasks.removeFirst().run();

        assertThat(recorder.count()).isEqualTo(2);
        assertThat(recorder.first()[0]).isTrue();
        assertThat(recorder.first()[1]).isFalse();
        assertThat(tap.fromQueue()).isEqualTo(2);
        assertThat(tap.unmatched()).isZero();
        assertThat(tap.leftOver()).isZero();
    }

    @Test
    void aHandOverWithoutANoteIsCountedAndAnUntimedTapOnlyPassesThrough() {
        PollRecorder recorder = new PollRecorder(10);
        LaneTap tap = new LaneTap(recorder, TimeUnit.SECONDS.toNanos(15));
        tap.blocking(fakePool).execute(() -> {});
        poolTasks.removeFirst().run();
        assertThat(tap.unmatched()).isEqualTo(1);
        assertThat(recorder.count()).isZero();

        LaneTap untimed = new LaneTap(null, TimeUnit.SECONDS.toNanos(15));
        Runnable task = () -> {};
        untimed.blocking(fakePool).execute(task);
        assertThat(poolTasks.removeFirst()).isSameAs(task);
        assertThat(untimed.unmatched()).isZero();
    }
}
