package bastion.demo;

/** Receives the generator's rows, one city at a time, organisations in tree order. */
public interface RowSink {

    void organization(OrgRow row);

    void division(DivisionRow row);
}
