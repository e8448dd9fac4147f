package dev.vch.portlayer.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vch.portlayer.api.AttachOptions;
import dev.vch.portlayer.api.ContainerFilter;
import dev.vch.portlayer.api.ContainerStatus;
import dev.vch.portlayer.api.Event;
import dev.vch.portlayer.api.EventFilter;
import dev.vch.portlayer.api.EventService;
import dev.vch.portlayer.api.LogOptions;
import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.api.PortLayerException.Kind;
import dev.vch.portlayer.api.WaitCondition;
import dev.vch.portlayer.api.WaitResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VsphereContainerServiceTest {
    @TempDir
    Path dir;
    Fixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new Fixture(dir, new FakeVms(), Duration.ofSeconds(5));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private static WaitResult await(java.util.concurrent.CompletionStage<WaitResult> w) throws Exception {
        return w.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void runAttachedPrintsOutputExitsAndKeepsTheLog() throws Exception {
        String id = f.service.create(Fixture.spec("web", List.of("echo", "hello"))).id();
        var collected = new Fixture.Collector();
        f.service.attach(id, new AttachOptions(false, true, true, false, true, null), collected);
        var exit = f.service.wait(id, WaitCondition.NEXT_EXIT);
        f.service.start(id);

        assertThat(await(exit).statusCode()).isZero();
        assertThat(collected.ended.get(5, TimeUnit.SECONDS)).isEmpty();
        assertThat(collected.text()).isEqualTo("hello\n");
        var c = f.service.inspect("web");
        assertThat(c.state().status()).isEqualTo(ContainerStatus.EXITED);
        assertThat(c.state().exitCode()).isZero();
        assertThat(f.vms.get("vm-1").orElseThrow().poweredOn()).isFalse();
        var logs = new Fixture.Collector();
        f.service.logs(id.substring(0, 8), new LogOptions(true, true, false, -1, null, null, false), logs);
        assertThat(logs.ended.get(5, TimeUnit.SECONDS)).isEmpty();
        assertThat(logs.text()).isEqualTo("hello\n");
    }

    @Test
    void createWritesOneVmWithTheTetherConfigAndASecretOutsideInspect() {
        String id = f.service.create(Fixture.spec(null, List.of("echo", "x"))).id();
        var spec = f.vms.created.get(0);
        assertThat(spec.displayName()).endsWith("-" + id.substring(0, 12));
        assertThat(spec.parentDisk()).isEqualTo("[ds1] vch/images/abc/abc.vmdk");
        assertThat(spec.serialUri()).isEqualTo("tcp://127.0.0.1:2377");
        assertThat(spec.bootstrapIso()).isEqualTo("[ds1] vch/bootstrap.iso");
        assertThat(spec.extraConfig()).containsEntry("guestinfo.vice./common/id", id)
                .containsKey("guestinfo.vice./key")
                .containsEntry("guestinfo.vice./sessions|" + id + "/cmd/Path", "echo");
        assertThat(f.service.inspect(id).toString()).doesNotContain(spec.extraConfig().get("guestinfo.vice./key"));
        assertThat(f.service.inspect(id).spec().env()).contains("PATH=/bin", "A=1");
    }

    @Test
    void autoRemoveRemovesTheVmAfterTheExit() throws Exception {
        String id = f.service.create(Fixture.withAutoRemove(Fixture.spec("tmp", List.of("exit", "3")))).id();
        var removed = f.service.wait(id, WaitCondition.REMOVED);
        f.service.start(id);
        assertThat(await(removed).statusCode()).isEqualTo(3);
        assertThat(f.vms.vms).isEmpty();
        assertThat(f.service.list(ContainerFilter.everything())).isEmpty();
        assertThatThrownBy(() -> f.service.inspect(id)).hasMessage("No such container: " + id);
    }

    @Test
    void aTetherThatNeverConnectsFailsTheStartAndLeavesNoRunningVm() throws Exception {
        try (Fixture slow = new Fixture(dir.resolve("slow"), new FakeVms(), Duration.ofMillis(300))) {
            slow.guestBoots = false;
            String id = slow.service.create(Fixture.spec("mute", List.of("echo", "x"))).id();
            assertThatThrownBy(() -> slow.service.start(id)).isInstanceOf(PortLayerException.class)
                    .hasMessageContaining("did not connect").extracting(e -> ((PortLayerException) e).kind())
                    .isEqualTo(Kind.UNAVAILABLE);
            assertThat(slow.vms.list()).noneMatch(v -> v.poweredOn());
            assertThat(slow.service.inspect(id).state().running()).isFalse();
            assertThat(slow.service.inspect(id).state().error()).contains("did not connect");
        }
    }

    @Test
    void aVmThatGoesOffWhileBootingFailsTheStartWithoutWaitingForTheTimeout() throws Exception {
        try (Fixture broken = new Fixture(dir.resolve("broken"), new FakeVms(), Duration.ofSeconds(60))) {
            broken.guestBoots = false;
            broken.vms.onPowerOn = (h, ec) -> Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(200); // the guest kernel panics during boot
                } catch (InterruptedException e) {
                    return;
                }
                broken.vms.poweredOffByItself(h);
            });
            String id = broken.service.create(Fixture.spec("panics", List.of("echo", "x"))).id();
            assertThatThrownBy(() -> broken.service.start(id)).isInstanceOf(PortLayerException.class)
                    .hasMessageContaining("powered off before its tether connected");
            assertThat(broken.service.inspect(id).state().running()).isFalse();
        }
    }

    @Test
    void aLateOffReportDoesNotFailAStartWhoseVmIsOn() throws Exception {
        String id = f.service.create(Fixture.spec("late", List.of("sleep"))).id();
        var boot = f.vms.onPowerOn;
        f.vms.onPowerOn = (h, ec) -> Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(100);
                f.vms.report(h, false); // the last run's off, delivered while this run boots
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            boot.accept(h, ec);
        });
        f.service.start(id);
        assertThat(f.service.inspect(id).state().running()).isTrue();
    }

    @Test
    void stopSignalsThenRecordsTheExitAndEvents() throws Exception {
        List<Event> seen = new CopyOnWriteArrayList<>();
        f.events.subscribe(EventFilter.ALL, null, null, new EventService.Listener() {
            @Override
            public void event(Event event) {
                synchronized (seen) {
                    seen.add(event);
                    seen.notifyAll();
                }
            }

            @Override
            public void end() {
            }
        });
        String id = f.service.create(Fixture.spec("sleeper", List.of("sleep", "100"))).id();
        f.service.start(id);
        assertThat(f.service.list(ContainerFilter.running())).extracting(c -> c.id()).containsExactly(id);
        assertThatThrownBy(() -> f.service.start(id)).extracting(e -> ((PortLayerException) e).kind())
                .isEqualTo(Kind.NOT_MODIFIED);
        f.service.stop(id, Duration.ofSeconds(5));
        var c = f.service.inspect(id);
        assertThat(c.state().status()).isEqualTo(ContainerStatus.EXITED);
        assertThat(c.state().exitCode()).isEqualTo(143);
        assertThat(f.service.list(ContainerFilter.running())).isEmpty();
        assertThat(f.service.list(ContainerFilter.everything())).hasSize(1);
        assertThatThrownBy(() -> f.service.stop(id, null)).extracting(e -> ((PortLayerException) e).kind())
                .isEqualTo(Kind.NOT_MODIFIED);
        assertThatThrownBy(() -> f.service.kill(id, "KILL")).extracting(e -> ((PortLayerException) e).kind())
                .isEqualTo(Kind.CONFLICT);
        // a second run of the same container works: the VM was powered off
        f.service.start(id);
        f.service.kill(id, "SIGINT");
        assertThat(await(f.service.wait(id, WaitCondition.NOT_RUNNING)).statusCode()).isEqualTo(130);
        awaitEvents(seen, 7);
        assertThat(seen).extracting(Event::action).contains("create", "start", "kill", "die", "stop");
    }

    /** Events reach subscribers on their own thread: wait for the count, bounded. */
    private static void awaitEvents(List<Event> seen, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        synchronized (seen) {
            while (seen.size() < n && System.nanoTime() < deadline) {
                seen.wait(50);
            }
        }
    }

    @Test
    void namesAndRefsFollowDocker() {
        String id = f.service.create(Fixture.spec("one", List.of("echo"))).id();
        assertThatThrownBy(() -> f.service.create(Fixture.spec("one", List.of("echo"))))
                .hasMessageContaining("The container name \"/one\" is already in use by container \"" + id + "\"");
        assertThatThrownBy(() -> f.service.create(Fixture.spec("bad name", List.of("echo"))))
                .hasMessageContaining("Invalid container name (bad name)");
        var unknown = Fixture.spec("x", List.of("echo"));
        assertThatThrownBy(() -> f.service.create(new dev.vch.portlayer.api.ContainerSpec(null, "docker.io/library/nope:latest",
                unknown.cmd(), null, null, null, null, null, null, null, false, false, false, false, false, false, null,
                null, null, null, null, false, 0, 0, null, null, 0, 0)))
                .hasMessage("No such image: docker.io/library/nope:latest");
        assertThatThrownBy(() -> f.service.inspect("zzz")).hasMessage("No such container: zzz");
        f.service.rename("one", "two");
        assertThat(f.service.inspect(id.substring(0, 5)).name()).isEqualTo("two");
        assertThat(f.vms.get("vm-1").orElseThrow().extraConfig()).containsEntry("vch.container./name", "two");
        assertThat(f.service.create(Fixture.spec("one", List.of("echo"))).id()).isNotEqualTo(id);
    }

    @Test
    void beforeAndSinceFiltersListByCreationAroundAContainer() throws Exception {
        String first = f.service.create(Fixture.spec("first", List.of("echo"))).id();
        Thread.sleep(5); // creation times are in milliseconds
        f.service.create(Fixture.spec("middle", List.of("echo")));
        Thread.sleep(5);
        String last = f.service.create(Fixture.spec("last", List.of("echo"))).id();
        assertThat(f.service.list(filter("middle", null))).extracting(c -> c.id()).containsExactly(first);
        assertThat(f.service.list(filter(null, "middle"))).extracting(c -> c.id()).containsExactly(last);
        assertThat(f.service.list(filter(last, first))).extracting(c -> c.name()).containsExactly("middle");
        assertThatThrownBy(() -> f.service.list(filter("nope", null))).hasMessage("No such container: nope");
    }

    private static ContainerFilter filter(String before, String since) {
        return new ContainerFilter(true, 0, null, null, null, null, null, null, before, since);
    }

    @Test
    void removeOfARunningContainerNeedsForce() throws Exception {
        String id = f.service.create(Fixture.spec("busy", List.of("sleep"))).id();
        f.service.start(id);
        assertThatThrownBy(() -> f.service.remove(id, false, false))
                .hasMessage("cannot remove container \"/busy\": container is running: stop the container before "
                        + "removing or force remove");
        f.service.remove(id, true, false);
        assertThat(f.vms.vms).isEmpty();
        assertThatThrownBy(() -> f.service.inspect(id)).hasMessageContaining("No such container");
    }

    @Test
    void anAttachToAnExitedContainerStreamsItsNextRun() throws Exception {
        String id = f.service.create(Fixture.spec("again", List.of("echo", "hello"))).id();
        var first = f.service.wait(id, WaitCondition.NEXT_EXIT);
        f.service.start(id);
        await(first);
        // docker start -a: attach, then start
        var out = new Fixture.Collector();
        f.service.attach(id, new AttachOptions(false, true, true, false, true, null), out);
        f.service.start(id);
        assertThat(out.ended.get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(out.text()).isEqualTo("hello\n");
    }

    @Test
    void theDetachKeysEndTheAttachmentAndTheContainerKeepsRunning() throws Exception {
        String id = f.service.create(Fixture.withTty(Fixture.spec("held", List.of("sleep")))).id();
        f.service.start(id);
        var out = new Fixture.Collector();
        var a = f.service.attach(id, new AttachOptions(true, true, true, false, true, "ctrl-x"), out);
        a.writeStdin(new byte[] {'l', 's', 24});
        assertThat(out.ended.get(5, TimeUnit.SECONDS)).isEmpty();
        assertThat(f.service.inspect(id).state().running()).isTrue();
        assertThatThrownBy(() -> f.service.attach(id, new AttachOptions(true, true, true, false, true, "ctrl-1"),
                new Fixture.Collector())).hasMessage("Invalid detach keys (ctrl-1) provided");
    }

    @Test
    void stdinSentBeforeStartReachesTheProcess() throws Exception {
        String id = f.service.create(Fixture.interactive(Fixture.spec("cat", List.of("cat")))).id();
        var out = new Fixture.Collector();
        var a = f.service.attach(id, new AttachOptions(true, true, true, false, true, null), out);
        a.writeStdin("abc".getBytes(StandardCharsets.UTF_8));
        a.closeStdin();
        f.service.start(id);
        assertThat(out.ended.get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(out.text()).isEqualTo("abc");
    }

    @Test
    void aCommandThatCannotStartFailsTheStart() {
        String id = f.service.create(Fixture.spec("nope", List.of("nosuch"))).id();
        assertThatThrownBy(() -> f.service.start(id)).hasMessageContaining("executable file not found");
        assertThat(f.service.inspect(id).state().exitCode()).isEqualTo(127);
    }

    @Test
    void stateIsRebuiltFromTheVmsAfterAnApplianceRestart() throws Exception {
        String done = f.service.create(Fixture.spec("done", List.of("exit", "7"))).id();
        var exited = f.service.wait(done, WaitCondition.NEXT_EXIT); // completes once the exit is recorded
        f.service.start(done);
        await(exited);
        String created = f.service.create(Fixture.spec("fresh", List.of("echo"))).id();
        f.vms.create(new dev.vch.portlayer.vm.ContainerVmSpec("junk", "junk", 1, 1, "ds1", "", "", 1, null, null,
                java.util.Map.of("vch.container./id", "junk")));
        f.close(); // drains the queued extraConfig writes

        try (Fixture again = new Fixture(dir, f.vms, Duration.ofSeconds(5))) {
            var c = again.service.inspect("done");
            assertThat(c.id()).isEqualTo(done);
            assertThat(c.state().status()).isEqualTo(ContainerStatus.EXITED);
            assertThat(c.state().exitCode()).isEqualTo(7);
            assertThat(again.service.inspect(created).state().status()).isEqualTo(ContainerStatus.CREATED);
            assertThat(again.service.list(ContainerFilter.everything())).hasSize(2);
        }
    }

    @Test
    void aContainerWhoseVmIsStillShuttingDownIsRebuiltAsExited() throws Exception {
        f.guestPowersOff = false; // the tether has reported the exit, its VM is not off yet
        String id = f.service.create(Fixture.spec("closing", List.of("exit", "7"))).id();
        var exited = f.service.wait(id, WaitCondition.NEXT_EXIT);
        f.service.start(id);
        await(exited);
        f.close();
        assertThat(f.vms.get("vm-1").orElseThrow().poweredOn()).isTrue();

        try (Fixture again = new Fixture(dir, f.vms, Duration.ofSeconds(5))) {
            var c = again.service.inspect(id);
            assertThat(c.state().status()).isEqualTo(ContainerStatus.EXITED);
            assertThat(c.state().exitCode()).isEqualTo(7);
        }
    }

    @Test
    void aVmThatDiesOutOfBandShowsAsExited() throws Exception {
        String id = f.service.create(Fixture.spec("victim", List.of("sleep"))).id();
        f.service.start(id);
        f.vms.vms.get("vm-1").on = false;
        f.guests.get(0).crash();
        assertThat(await(f.service.wait(id, WaitCondition.NOT_RUNNING)).statusCode()).isEqualTo(137);
        assertThat(f.service.inspect(id).state().status()).isEqualTo(ContainerStatus.EXITED);
    }

    @Test
    void aVmReportedOffWhileItsLinkStaysUpExitsTheContainer() throws Exception {
        String id = f.service.create(Fixture.spec("unplugged", List.of("sleep"))).id();
        f.service.start(id);
        var exit = f.service.wait(id, WaitCondition.NOT_RUNNING);
        f.vms.report("vm-1", false); // a late report: the VM is on, its link up
        Thread.sleep(Exits.LINK_GRACE.toMillis() + 500); // past the grace given to the link
        assertThat(f.service.inspect(id).state().running()).isTrue();

        f.vms.poweredOffByItself("vm-1"); // qemu killed: the link has not noticed yet
        assertThat(await(exit).statusCode()).isEqualTo(137);
        assertThat(f.service.inspect(id).state().status()).isEqualTo(ContainerStatus.EXITED);
        assertThat(f.vms.powerOffs).hasValue(0);
    }

    @Test
    void anExitedGuestThatStaysOnIsPoweredOffByTheVch() throws Exception {
        f.guestPowersOff = false;
        String id = f.service.create(Fixture.spec("lingers", List.of("echo", "x"))).id();
        var exit = f.service.wait(id, WaitCondition.NEXT_EXIT);
        f.service.start(id);
        assertThat(await(exit).statusCode()).isZero();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (f.vms.get("vm-1").orElseThrow().poweredOn() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(f.vms.get("vm-1").orElseThrow().poweredOn()).isFalse();
        assertThat(f.vms.powerOffs).hasValue(1);
    }

    @Test
    void aGuestThatPowersItselfOffIsNotPoweredOffAgain() throws Exception {
        String id = f.service.create(Fixture.spec("tidy", List.of("echo", "x"))).id();
        var exit = f.service.wait(id, WaitCondition.NEXT_EXIT);
        f.service.start(id);
        assertThat(await(exit).statusCode()).isZero();
        Thread.sleep(Fixture.GUEST_POWER_OFF.toMillis() + 1000); // past the time the VCH would force it
        assertThat(f.vms.get("vm-1").orElseThrow().poweredOn()).isFalse();
        assertThat(f.vms.powerOffs).hasValue(0);
    }
}
