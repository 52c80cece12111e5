#pragma once

#include "QuoteDelegate.h"
#include "Workspace.h"

#include <QLocale>
#include <QSet>
#include <QTabWidget>

class QuoteStore;
class WatchlistView;

// The named watchlists as movable tabs: create, rename, delete (confirmed), each tab a WatchlistView over its own
// WatchlistModel on the shared QuoteStore. Reports the union of all lists' symbols so the feeds serve every list.
class WatchlistTabs : public QTabWidget
{
    Q_OBJECT
public:
    WatchlistTabs(QuoteStore* store, bool chineseNames, const QLocale& locale, QWidget* parent = nullptr);

    void setLists(const QList<Watchlist>& lists, int current);
    // The lists in tab order, with each view's column layout.
    QList<Watchlist> lists() const;
    QStringList allSymbols() const;
    WatchlistView* currentView() const;
    WatchlistView* viewAt(int index) const;

    // Adds codes to the current list; returns those that were not already there.
    QStringList addToCurrent(const QStringList& codes);
    void createList(const QString& name, const QStringList& symbols = QStringList());

    void setDirectionPalette(const DirectionPalette& palette);
    void setFlashEnabled(bool enabled);
    void setStaleAfterMs(int ms);
    void setConnectedSources(const QSet<QString>& sources);

public Q_SLOTS:
    void newList();
    void renameList(int index);
    void deleteList(int index);

Q_SIGNALS:
    void symbolsChanged();
    void currentSymbolChanged(const QString& code);
    void searchRequested(const QString& text);
    void addSymbolRequested();

private:
    WatchlistView* addView(const Watchlist& list);
    void showTabMenu(const QPoint& pos);
    QString uniqueName(const QString& base) const;

    QuoteStore* m_store;
    bool m_chineseNames;
    QLocale m_locale;
    DirectionPalette m_palette = DirectionPalette::forConvention(DirectionPalette::Convention::RedUp);
    bool m_flashEnabled = true;
    int m_staleAfterMs = 30000;
    QSet<QString> m_connectedSources;
    QByteArray m_templateColumns; // layout given to new lists
};
