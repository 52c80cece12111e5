#include "feed/Backoff.h"

#include <QTest>

class TestBackoff : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void doublesToCapWithinJitter();
    void neverBelowMinimum_data();
    void neverBelowMinimum();
    void penalizeJumpsToCap();
    void resetStartsOver();
};

void TestBackoff::doublesToCapWithinJitter()
{
    Backoff backoff(Backoff::Params{3000, 30000, 0.25}, 42);
    const int bases[] = {3000, 6000, 12000, 24000, 30000, 30000, 30000};
    for (int base : bases) {
        const int delay = backoff.nextDelayMs();
        QVERIFY2(delay >= qMax(3000, int(base * 0.875)) && delay <= qMin(30000, int(base * 1.125) + 1),
                 qPrintable(QStringLiteral("base %1 gave %2").arg(base).arg(delay)));
    }
}

void TestBackoff::neverBelowMinimum_data()
{
    QTest::addColumn<int>("minMs");
    QTest::addColumn<int>("maxMs");
    QTest::newRow("paid plan") << 3000 << 30000;
    QTest::newRow("free plan") << 10000 << 30000;
    QTest::newRow("qmt") << 1000 << 30000;
}

void TestBackoff::neverBelowMinimum()
{
    QFETCH(int, minMs);
    QFETCH(int, maxMs);
    for (quint32 seed = 1; seed < 200; ++seed) {
        Backoff backoff(Backoff::Params{minMs, maxMs, 0.25}, seed);
        for (int i = 0; i < 10; ++i) {
            const int delay = backoff.nextDelayMs();
            QVERIFY(delay >= minMs);
            QVERIFY(delay <= maxMs);
        }
    }
}

void TestBackoff::penalizeJumpsToCap()
{
    Backoff backoff(Backoff::Params{3000, 30000, 0.25}, 7);
    backoff.penalize();
    const int delay = backoff.nextDelayMs();
    QVERIFY2(delay >= 26250 && delay <= 30000, qPrintable(QString::number(delay)));
}

void TestBackoff::resetStartsOver()
{
    Backoff backoff(Backoff::Params{3000, 30000, 0.25}, 9);
    for (int i = 0; i < 6; ++i)
        backoff.nextDelayMs();
    QVERIFY(backoff.nextDelayMs() >= 26250);
    backoff.reset();
    QCOMPARE(backoff.attempts(), 0);
    QVERIFY(backoff.nextDelayMs() <= 3375);
}

QTEST_APPLESS_MAIN(TestBackoff)
#include "tst_backoff.moc"
