/* Named objects (winobj.h): CreateEvent/Mutex/Semaphore/WaitableTimer with
 * a name, and their Open* functions.  The namespace is the process's own
 * (Linux has no place where another process would find them); within it,
 * the rules are Windows': a name is case sensitive, a second Create of it
 * opens the first object (ERROR_ALREADY_EXISTS), a name held by another type
 * is ERROR_INVALID_HANDLE, and the name goes with the object's last handle.
 * Naming is rare: one lock, a small hash table. */
#include "winobj.h"
#include <stdlib.h>
#include <string.h>

#define NBUCKETS 64

struct entry {
    struct entry *next;
    ws_obj *obj; /* weak: the object drops its entry as it goes */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct entry *buckets[NBUCKETS];

/* "Local\" is the session namespace a plain name lives in. */
static const char *canonical(const char *name)
{
    return strncmp(name, "Local\\", 6) == 0 ? name + 6 : name;
}

static unsigned hash(const char *s)
{
    unsigned h = 2166136261u;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 16777619u;
    return h % NBUCKETS;
}

/* The live object of that name, referenced (lock held). */
static ws_obj *find(const char *name)
{
    for (struct entry *e = buckets[hash(name)]; e; e = e->next)
        if (strcmp(e->obj->name, name) == 0 && ws_obj_tryref(e->obj))
            return e->obj;
    return NULL;
}

ws_obj *ws_name_open(const char *name)
{
    name = canonical(name);
    pthread_mutex_lock(&lock);
    ws_obj *o = find(name);
    pthread_mutex_unlock(&lock);
    return o;
}

ws_obj *ws_name_create(ws_obj *o, const char *name, bool *ok)
{
    name = canonical(name);
    *ok = false;
    pthread_mutex_lock(&lock);
    ws_obj *old = find(name);
    if (old)
        *ok = true;
    else {
        struct entry *e = malloc(sizeof *e);
        char *copy = strdup(name);
        if (e && copy) {
            o->name = copy;
            e->obj = o;
            unsigned b = hash(name);
            e->next = buckets[b];
            buckets[b] = e;
            *ok = true;
        } else {
            free(e);
            free(copy);
        }
    }
    pthread_mutex_unlock(&lock);
    return old;
}

void ws_name_drop(ws_obj *o)
{
    pthread_mutex_lock(&lock);
    for (struct entry **pp = &buckets[hash(o->name)]; *pp; pp = &(*pp)->next)
        if ((*pp)->obj == o) {
            struct entry *e = *pp;
            *pp = e->next;
            free(e);
            break;
        }
    pthread_mutex_unlock(&lock);
}
