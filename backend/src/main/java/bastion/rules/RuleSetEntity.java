package bastion.rules;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A stored rule-set version. The definition is JSON of {@link RuleSetDtos.Definition}. */
@Entity
@Table(name = "rule_set")
public class RuleSetEntity extends PanacheEntityBase {

    public enum Status { DRAFT, IN_USE }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "rule_set_seq")
    @SequenceGenerator(name = "rule_set_seq", sequenceName = "rule_set_seq", allocationSize = 50)
    public Long id;

    @Column(name = "jurisdiction_id")
    public long jurisdictionId;

    @Column(name = "county_code")
    public String countyCode;

    public int year;

    @Column(name = "version_number")
    public int versionNumber;

    public String label;

    public String name;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Status status;

    @Column(name = "based_on_id")
    public Long basedOnId;

    @JdbcTypeCode(SqlTypes.JSON)
    public String definition;

    @Version
    public long revision;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
