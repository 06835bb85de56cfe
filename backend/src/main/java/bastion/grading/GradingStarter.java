package bastion.grading;

import bastion.cycle.CycleEntity;
import bastion.cycle.CycleService;
import bastion.grading.GradingDtos.GradingRun;
import bastion.org.Organization;
import bastion.security.Access;
import bastion.common.ProblemException;
import bastion.org.OrganizationDtos.OrganizationRef;
import bastion.security.Caller;
import bastion.security.Jurisdiction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Queues a grading run in the request's own short transaction; the resource launches it once that has committed. */
@ApplicationScoped
public class GradingStarter {

    @Inject
    Caller caller;

    @Inject
    Access access;

    @Inject
    CycleService cycles;

    @Inject
    GradingRunner runner;

    @Inject
    GradingService grading;

    /** 404 for a cycle out of sight, 403 unless an admin of the cycle's jurisdiction, 409 when published or already running. */
    @Transactional
    public long start(long cycleId) {
        CycleEntity c = cycles.find(caller.jurisdiction(), cycleId);
        access.requireAdminOf(Organization.findById(c.jurisdictionId));
        return runner.queue(c, caller.username());
    }

    /** What a batch start queued (run ids, in cycle order) and skipped. */
    public record Batch(List<Long> runIds, List<GradingDtos.SkippedCycle> skipped) {}

    /**
     * Queues a run of every cycle of the year and phase whose jurisdiction the caller administers
     * (within {@code under}, when given), in cycle order, in this one transaction; published cycles
     * and cycles with a run in progress are skipped and listed. 404 for an {@code under} out of
     * sight; 404 when no such cycle exists; 409 when every such cycle was skipped.
     */
    @Transactional
    public Batch startAll(int year, CycleEntity.Phase phase, Long under) {
        Jurisdiction scope = caller.jurisdiction();
        String prefix = scope.subtree(under);
        List<CycleEntity> found = CycleEntity.<CycleEntity>find("""
                select c from CycleEntity c, Organization o where o.id = c.jurisdictionId and c.year = ?1 and c.phase = ?2
                and o.path like ?3 order by c.id""", year, phase, prefix + "%").list();
        if (found.isEmpty()) {
            throw ProblemException.notFound("您的管辖范围内没有 " + year + " 年" + (phase == CycleEntity.Phase.ANNUAL ? "年底总评" : "年中初评")
                    + "周期 / No " + phase.name() + " cycle of " + year + " in your jurisdiction");
        }
        List<Long> runs = new ArrayList<>();
        List<GradingDtos.SkippedCycle> skipped = new ArrayList<>();
        for (CycleEntity c : found) {
            Organization owner = Organization.findById(c.jurisdictionId);
            access.requireAdminOf(owner);
            Object queued = runner.tryQueue(c, caller.username());
            if (queued instanceof Long id) {
                runs.add(id);
            } else {
                boolean running = !"PUBLISHED".equals(queued);
                skipped.add(new GradingDtos.SkippedCycle(c.id, OrganizationRef.of(owner), running ? "RUNNING" : "PUBLISHED",
                        running ? Long.valueOf((String) queued) : null));
            }
        }
        if (runs.isEmpty()) {
            throw ProblemException.conflict("没有可以评定的周期: 均已发布或正在评定 / No cycle can be graded now: each is published or being graded",
                    Map.of("skipped", skipped));
        }
        return new Batch(runs, skipped);
    }

    @Transactional
    public GradingRun read(long runId) {
        return grading.run(runId);
    }
}
