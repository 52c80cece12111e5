#include "WatchlistTabs.h"

#include "WatchlistModel.h"
#include "WatchlistView.h"

#include <QHeaderView>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QTabBar>
#include <QToolButton>

using namespace Qt::StringLiterals;

WatchlistTabs::WatchlistTabs(QuoteStore* store, bool chineseNames, const QLocale& locale, QWidget* parent)
    : QTabWidget(parent)
    , m_store(store)
    , m_chineseNames(chineseNames)
    , m_locale(locale)
{
    setMovable(true);
    setDocumentMode(true);
    tabBar()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(tabBar(), &QTabBar::customContextMenuRequested, this, &WatchlistTabs::showTabMenu);
    connect(tabBar(), &QTabBar::tabBarDoubleClicked, this, &WatchlistTabs::renameList);
    auto* plus = new QToolButton(this);
    plus->setText(u"+"_s);
    plus->setToolTip(tr("New watchlist"));
    plus->setAutoRaise(true);
    connect(plus, &QToolButton::clicked, this, &WatchlistTabs::newList);
    setCornerWidget(plus, Qt::TopRightCorner);
    connect(this, &QTabWidget::currentChanged, this, [this] {
        if (WatchlistView* view = currentView())
            Q_EMIT currentSymbolChanged(view->currentSymbol());
    });
}

void WatchlistTabs::setLists(const QList<Watchlist>& lists, int current)
{
    while (count() > 0) {
        QWidget* page = widget(0);
        removeTab(0);
        page->deleteLater();
    }
    for (const Watchlist& list : lists)
        addView(list);
    if (count() == 0)
        createList(tr("Watchlist"));
    setCurrentIndex(qBound(0, current, count() - 1));
    Q_EMIT symbolsChanged();
}

WatchlistView* WatchlistTabs::addView(const Watchlist& list)
{
    auto* model = new WatchlistModel(m_store);
    model->setChineseNames(m_chineseNames);
    model->setDisplayLocale(m_locale);
    model->setStaleAfterMs(m_staleAfterMs);
    model->setConnectedSources(m_connectedSources);
    model->setSymbols(list.symbols);
    auto* view = new WatchlistView(model, this);
    model->setParent(view);
    view->quoteDelegate()->setPalette(m_palette);
    view->quoteDelegate()->setFlashEnabled(m_flashEnabled);
    if (!list.columnState.isEmpty())
        view->horizontalHeader()->restoreState(list.columnState);
    else if (!m_templateColumns.isEmpty())
        view->horizontalHeader()->restoreState(m_templateColumns);
    if (m_templateColumns.isEmpty())
        m_templateColumns = view->horizontalHeader()->saveState();
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(model, signal, this, &WatchlistTabs::symbolsChanged);
    connect(model, &QAbstractItemModel::modelReset, this, &WatchlistTabs::symbolsChanged);
    connect(view, &WatchlistView::currentSymbolChanged, this, [this, view](const QString& code) {
        if (view == currentView())
            Q_EMIT currentSymbolChanged(code);
    });
    connect(view, &WatchlistView::searchRequested, this, &WatchlistTabs::searchRequested);
    connect(view, &WatchlistView::addSymbolRequested, this, &WatchlistTabs::addSymbolRequested);
    addTab(view, list.name);
    return view;
}

QList<Watchlist> WatchlistTabs::lists() const
{
    QList<Watchlist> out;
    for (int i = 0; i < count(); ++i) {
        WatchlistView* view = viewAt(i);
        out.append(Watchlist{tabText(i), view->watchlistModel()->symbols(), view->horizontalHeader()->saveState()});
    }
    return out;
}

QStringList WatchlistTabs::allSymbols() const
{
    QStringList all;
    QSet<QString> seen;
    for (int i = 0; i < count(); ++i) {
        const QStringList symbols = viewAt(i)->watchlistModel()->symbols();
        for (const QString& code : symbols) {
            if (!seen.contains(code)) {
                seen.insert(code);
                all.append(code);
            }
        }
    }
    return all;
}

WatchlistView* WatchlistTabs::currentView() const
{
    return qobject_cast<WatchlistView*>(currentWidget());
}

WatchlistView* WatchlistTabs::viewAt(int index) const
{
    return qobject_cast<WatchlistView*>(widget(index));
}

QStringList WatchlistTabs::addToCurrent(const QStringList& codes)
{
    QStringList added;
    WatchlistView* view = currentView();
    if (!view)
        return added;
    for (const QString& code : codes) {
        if (view->watchlistModel()->addSymbol(code))
            added.append(code);
    }
    if (!added.isEmpty())
        view->selectSymbol(added.last());
    return added;
}

void WatchlistTabs::createList(const QString& name, const QStringList& symbols)
{
    WatchlistView* view = addView(Watchlist{uniqueName(name), symbols, QByteArray()});
    setCurrentWidget(view);
    Q_EMIT symbolsChanged();
}

QString WatchlistTabs::uniqueName(const QString& base) const
{
    QSet<QString> names;
    for (int i = 0; i < count(); ++i)
        names.insert(tabText(i));
    if (!names.contains(base))
        return base;
    for (int n = 2;; ++n) {
        const QString candidate = u"%1 %2"_s.arg(base).arg(n);
        if (!names.contains(candidate))
            return candidate;
    }
}

void WatchlistTabs::newList()
{
    createList(tr("Watchlist"));
    renameList(currentIndex());
}

void WatchlistTabs::renameList(int index)
{
    if (index < 0 || index >= count())
        return;
    auto* dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Rename watchlist"));
    dialog->setLabelText(tr("Name:"));
    dialog->setTextValue(tabText(index));
    QWidget* page = widget(index);
    connect(dialog, &QInputDialog::textValueSelected, this, [this, page](const QString& text) {
        const int i = indexOf(page);
        const QString name = text.trimmed();
        if (i >= 0 && !name.isEmpty() && name != tabText(i))
            setTabText(i, uniqueName(name));
    });
    dialog->open();
}

void WatchlistTabs::deleteList(int index)
{
    if (index < 0 || index >= count())
        return;
    QWidget* page = widget(index);
    const int symbols = int(viewAt(index)->watchlistModel()->symbols().size());
    auto* box =
        new QMessageBox(QMessageBox::Question, tr("Delete watchlist"),
                        tr("Delete the watchlist \"%1\" and its %n symbol(s)?", nullptr, symbols).arg(tabText(index)),
                        QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::accepted, this, [this, page] {
        const int i = indexOf(page);
        if (i < 0)
            return;
        removeTab(i);
        page->deleteLater();
        if (count() == 0)
            createList(tr("Watchlist"));
        Q_EMIT symbolsChanged();
    });
    box->open();
}

void WatchlistTabs::showTabMenu(const QPoint& pos)
{
    const int index = tabBar()->tabAt(pos);
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(tr("New watchlist"), this, &WatchlistTabs::newList);
    if (index >= 0) {
        menu->addAction(tr("Rename..."), this, [this, index] { renameList(index); });
        menu->addAction(tr("Delete..."), this, [this, index] { deleteList(index); });
    }
    menu->popup(tabBar()->mapToGlobal(pos));
}

void WatchlistTabs::setDirectionPalette(const DirectionPalette& palette)
{
    m_palette = palette;
    for (int i = 0; i < count(); ++i) {
        viewAt(i)->quoteDelegate()->setPalette(palette);
        viewAt(i)->viewport()->update();
    }
}

void WatchlistTabs::setFlashEnabled(bool enabled)
{
    m_flashEnabled = enabled;
    for (int i = 0; i < count(); ++i)
        viewAt(i)->quoteDelegate()->setFlashEnabled(enabled);
}

void WatchlistTabs::setStaleAfterMs(int ms)
{
    m_staleAfterMs = ms;
    for (int i = 0; i < count(); ++i)
        viewAt(i)->watchlistModel()->setStaleAfterMs(ms);
}

void WatchlistTabs::setConnectedSources(const QSet<QString>& sources)
{
    m_connectedSources = sources;
    for (int i = 0; i < count(); ++i)
        viewAt(i)->watchlistModel()->setConnectedSources(sources);
}
