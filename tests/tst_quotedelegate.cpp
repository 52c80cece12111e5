#include "QuoteDelegate.h"
#include "WatchlistModel.h"
#include "WatchlistSortProxy.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QStandardItemModel>
#include <QTest>

using namespace Qt::StringLiterals;

// The delegate paints watchlist cells from one WatchlistModel::cellPaint call. It must paint exactly what the
// role-based path paints from the same values (direction colours, triangles, flashes, stale grey, selection).
class TestQuoteDelegate : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void fastPathPaintsLikeTheRoles_data();
    void fastPathPaintsLikeTheRoles();

private:
    void trade(const QString& code, const char* price);
    QImage paint(const QModelIndex& index, QStyle::State state, bool alternate) const;

    QuoteStore* m_store = nullptr;
    WatchlistModel* m_model = nullptr;
    WatchlistSortProxy* m_proxy = nullptr;
    QStandardItemModel* m_mirror = nullptr;
    QuoteDelegate* m_delegate = nullptr;
    UpdateBuffer m_buffer;
};

void TestQuoteDelegate::init()
{
    m_store = new QuoteStore;
    m_model = new WatchlistModel(m_store);
    m_model->setDisplayLocale(QLocale(QLocale::English, QLocale::UnitedStates));
    m_proxy = new WatchlistSortProxy;
    m_proxy->setSourceModel(m_model);
    m_delegate = new QuoteDelegate;
    m_model->setSymbols({u"UP.US"_s, u"DOWN.US"_s, u"STALE.US"_s, u"EMPTY.US"_s});
    for (const QString& code : {u"UP.US"_s, u"DOWN.US"_s, u"STALE.US"_s}) {
        ReferenceData ref;
        ref.code = code;
        ref.prevClose = Decimal::fromInt(100);
        m_buffer.addReference(ref);
    }
    m_store->applyBatch(m_buffer.take());
    trade(u"UP.US"_s, "101");
    trade(u"UP.US"_s, "102.5"); // up, and a flash of the up move
    trade(u"DOWN.US"_s, "99");
    trade(u"DOWN.US"_s, "98.75");
    trade(u"STALE.US"_s, "100.5");
    m_store->setSource(u"STALE.US"_s, u"simulator"_s);
    m_model->setConnectedSources({u"simulator"_s});
    m_model->setStaleAfterMs(-1); // any age counts as stale: STALE.US is greyed without waiting
    m_proxy->sort(WatchlistModel::ChangePct, Qt::DescendingOrder);

    // The same values in a plain model: the delegate takes its role-based path for it.
    m_mirror = new QStandardItemModel(m_proxy->rowCount(), WatchlistModel::ColumnCount);
    const QList<int> roles{Qt::DisplayRole,
                           Qt::TextAlignmentRole,
                           WatchlistModel::DirectionRole,
                           WatchlistModel::TickDirectionRole,
                           WatchlistModel::LastMoveMsRole,
                           WatchlistModel::StaleRole};
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        for (int column = 0; column < WatchlistModel::ColumnCount; ++column) {
            auto* item = new QStandardItem;
            for (int role : roles)
                item->setData(m_proxy->index(row, column).data(role), role);
            m_mirror->setItem(row, column, item);
        }
    }
}

void TestQuoteDelegate::cleanup()
{
    delete m_mirror;
    delete m_delegate;
    delete m_proxy;
    delete m_model;
    delete m_store;
}

void TestQuoteDelegate::trade(const QString& code, const char* price)
{
    TradeTick t;
    t.code = code;
    t.price = Decimal::parse(QByteArrayView(price));
    t.volume = Decimal::fromInt(100);
    t.timeMs = 1000;
    m_buffer.addTrade(t);
    m_store->applyBatch(m_buffer.take());
}

QImage TestQuoteDelegate::paint(const QModelIndex& index, QStyle::State state, bool alternate) const
{
    QImage image(120, 24, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    QStyleOptionViewItem option;
    option.rect = image.rect();
    option.state = state;
    option.palette = QApplication::palette();
    option.font = QApplication::font();
    option.fontMetrics = QFontMetrics(option.font);
    option.textElideMode = Qt::ElideRight;
    if (alternate)
        option.features |= QStyleOptionViewItem::Alternate;
    m_delegate->paint(&painter, option, index);
    return image;
}

void TestQuoteDelegate::fastPathPaintsLikeTheRoles_data()
{
    QTest::addColumn<int>("state");
    QTest::addColumn<bool>("alternate");
    QTest::addColumn<bool>("flash");
    const int normal = int(QStyle::State_Enabled | QStyle::State_Active);
    QTest::newRow("plain") << normal << false << true;
    QTest::newRow("alternate row") << normal << true << true;
    QTest::newRow("selected") << int(normal | QStyle::State_Selected) << false << true;
    QTest::newRow("inactive window") << int(QStyle::State_Enabled) << false << true;
    QTest::newRow("flashes off") << normal << false << false;
}

void TestQuoteDelegate::fastPathPaintsLikeTheRoles()
{
    QFETCH(int, state);
    QFETCH(bool, alternate);
    QFETCH(bool, flash);
    m_delegate->setFlashEnabled(flash);
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        for (int column = 0; column < WatchlistModel::ColumnCount; ++column) {
            const QModelIndex fast = m_proxy->index(row, column);
            const QModelIndex roles = m_mirror->index(row, column);
            // A flash fades with the clock: the two paints can straddle a step of its alpha, so allow a retry.
            bool same = false;
            for (int attempt = 0; attempt < 3 && !same; ++attempt)
                same = paint(fast, QStyle::State(state), alternate) == paint(roles, QStyle::State(state), alternate);
            if (!same)
                QFAIL(qPrintable(u"row %1 (%2), column %3 differs"_s.arg(row)
                                     .arg(fast.data(WatchlistModel::CodeRole).toString())
                                     .arg(column)));
        }
    }
}

QTEST_MAIN(TestQuoteDelegate)
#include "tst_quotedelegate.moc"
