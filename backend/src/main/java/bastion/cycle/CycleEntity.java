package bastion.cycle;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** A grading cycle (DOMAIN.md §7): a year and a phase of one jurisdiction, bound to one rule-set version. */
@Entity
@Table(name = "cycle")
public class CycleEntity extends PanacheEntityBase {

    public enum Phase { MID_YEAR, ANNUAL }

    public enum State { OPEN, LOCKED, PUBLISHED }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "cycle_seq")
    @SequenceGenerator(name = "cycle_seq", sequenceName = "cycle_seq", allocationSize = 50)
    public Long id;

    @Column(name = "jurisdiction_id")
    public long jurisdictionId;

    @Column(name = "county_code")
    public String countyCode;

    public int year;

    @Enumerated(EnumType.STRING)
    public Phase phase;

    @Enumerated(EnumType.STRING)
    public State state;

    @Column(name = "rule_set_id")
    public long ruleSetId;

    @Version
    public long revision;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "locked_by")
    public String lockedBy;

    @Column(name = "locked_at")
    public OffsetDateTime lockedAt;

    @Column(name = "published_by")
    public String publishedBy;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;
}
