from django.http import HttpResponse


def dispute_detail(request, pk):
    return HttpResponse("")
